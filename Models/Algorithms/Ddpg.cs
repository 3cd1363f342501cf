using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>DDPG's knobs (Lillicrap et al. 2016), with the learning rates and batch size TD3's paper re-tuned it with.</summary>
public sealed record DdpgHyperparameters
{
    public double Gamma { get; init; } = 0.99;

    public double Tau { get; init; } = 0.005;

    public double ActorLearningRate { get; init; } = 3e-4;

    public double CriticLearningRate { get; init; } = 3e-4;

    /// <summary>σ of the Gaussian exploration noise when acting, as a fraction of the action scale.</summary>
    public double ExplorationNoise { get; init; } = 0.1;

    public int BatchSize { get; init; } = 256;

    public int LearningStarts { get; init; } = 1000;
}

/// <summary>
/// Deep deterministic policy gradient (Lillicrap et al. 2016), read top to bottom, on a replay
/// batch (s, a, r, s', d) with d = terminated:
/// <code>
///   y     = r + γ (1 - d) Q_θ'(s', μ_φ'(s'))
///   L_Q   = mean((Q_θ(s, a) - y)²)
///   L_μ   = -mean(Q_θ(s, μ_φ(s)))                  the deterministic policy gradient
///   θ' ← τ θ + (1 - τ) θ',  φ' ← τ φ + (1 - τ) φ'   every update
/// </code>
/// Exploration is Gaussian noise on the action (<see cref="DeterministicActor.Explore"/>) rather
/// than the paper's Ornstein-Uhlenbeck process, which later work found no better.
/// </summary>
public sealed class Ddpg : IDisposable
{
    private readonly DeterministicActor _actor, _targetActor;
    private readonly QCritic _critic, _targetCritic;
    private readonly DdpgHyperparameters _hyper;
    private readonly optim.Optimizer _actorOptimizer, _criticOptimizer;

    public Ddpg(DeterministicActor actor, DeterministicActor targetActor, QCritic critic, QCritic targetCritic, DdpgHyperparameters hyper)
    {
        (_actor, _targetActor, _critic, _targetCritic, _hyper) = (actor, targetActor, critic, targetCritic, hyper);
        TargetNetwork.HardUpdate(targetActor.ParameterList, actor.ParameterList);
        TargetNetwork.HardUpdate(targetCritic.ParameterList, critic.ParameterList);
        TargetNetwork.Freeze(targetActor.ParameterList);
        TargetNetwork.Freeze(targetCritic.ParameterList);
        _actorOptimizer = optim.Adam(actor.ParameterList, lr: hyper.ActorLearningRate);
        _criticOptimizer = optim.Adam(critic.ParameterList, lr: hyper.CriticLearningRate);
    }

    /// <summary>L_Q on a batch; the caller's dispose scope owns the tensors.</summary>
    public static (Tensor Loss, Tensor Q) CriticLoss(QCritic critic, DeterministicActor targetActor, QCritic targetCritic,
        Tensor s, Tensor a, Tensor r, Tensor next, Tensor terminated, double gamma)
    {
        Tensor y;
        using (no_grad())
            y = r + gamma * (1 - terminated) * targetCritic.forward(next, targetActor.forward(next));
        var q = critic.forward(s, a);
        return (nn.functional.mse_loss(q, y), q);
    }

    /// <summary>L_μ = -mean Q(s, μ(s)).</summary>
    public static Tensor ActorLoss(DeterministicActor actor, QCritic critic, Tensor s) => -critic.forward(s, actor.forward(s)).mean();

    public OffPolicyStatistics Update(ReplayBatch batch)
    {
        using var scope = NewDisposeScope();
        var (s, a, r, next, terminated) = batch.ToTensors();
        var (criticLoss, q) = CriticLoss(_critic, _targetActor, _targetCritic, s, a, r, next, terminated, _hyper.Gamma);
        _criticOptimizer.zero_grad();
        criticLoss.backward();
        _criticOptimizer.step();

        var actorLoss = ActorLoss(_actor, _critic, s);
        _actorOptimizer.zero_grad();
        actorLoss.backward();
        _actorOptimizer.step();

        TargetNetwork.Polyak(_targetActor.ParameterList, _actor.ParameterList, _hyper.Tau);
        TargetNetwork.Polyak(_targetCritic.ParameterList, _critic.ParameterList, _hyper.Tau);
        return new OffPolicyStatistics(criticLoss.item<float>(), actorLoss.item<float>(), q.mean().item<float>());
    }

    public void Dispose()
    {
        _actorOptimizer.Dispose();
        _criticOptimizer.Dispose();
    }
}
