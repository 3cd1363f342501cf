using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>TD3's knobs (Fujimoto et al. 2018); defaults as in the paper.</summary>
public sealed record Td3Hyperparameters
{
    public double Gamma { get; init; } = 0.99;

    /// <summary>Polyak rate of the target networks.</summary>
    public double Tau { get; init; } = 0.005;

    public double ActorLearningRate { get; init; } = 3e-4;

    public double CriticLearningRate { get; init; } = 3e-4;

    /// <summary>σ̃: standard deviation of the target policy's smoothing noise, as a fraction of the action scale.</summary>
    public double PolicyNoise { get; init; } = 0.2;

    /// <summary>c: the smoothing noise is clipped to ±c (times the action scale).</summary>
    public double NoiseClip { get; init; } = 0.5;

    /// <summary>d: the actor and the targets move once every d critic updates.</summary>
    public int PolicyDelay { get; init; } = 2;

    /// <summary>σ of the Gaussian exploration noise when acting, as a fraction of the action scale.</summary>
    public double ExplorationNoise { get; init; } = 0.1;

    public int BatchSize { get; init; } = 256;

    /// <summary>Steps of uniformly random actions before learning starts.</summary>
    public int LearningStarts { get; init; } = 1000;
}

/// <summary>What one off-policy update did; the actor's loss is NaN when the actor did not move this time.</summary>
public readonly record struct OffPolicyStatistics(double CriticLoss, double ActorLoss, double MeanQ, double Alpha = double.NaN);

/// <summary>
/// Twin delayed deep deterministic policy gradient (Fujimoto et al. 2018), read top to bottom, on a
/// replay batch (s, a, r, s', d) with d = terminated:
/// <code>
///   ε        = clip(N(0, σ̃²), -c, c) · scale                     target policy smoothing
///   a'       = clip(μ_φ'(s') + ε, low, high)
///   y        = r + γ (1 - d) min(Q_θ1'(s', a'), Q_θ2'(s', a'))     clipped double Q-learning
///   L_Q      = mean((Q_θ1(s, a) - y)²) + mean((Q_θ2(s, a) - y)²)
///   every d-th update (delayed policy updates):
///     L_μ    = -mean(Q_θ1(s, μ_φ(s)))
///     θ' ← τ θ + (1 - τ) θ',  φ' ← τ φ + (1 - τ) φ'
/// </code>
/// The targets start as copies of the online networks and take no gradient.
/// </summary>
public sealed class Td3 : IDisposable
{
    private readonly DeterministicActor _actor, _targetActor;
    private readonly TwinQCritic _critic, _targetCritic;
    private readonly Td3Hyperparameters _hyper;
    private readonly optim.Optimizer _actorOptimizer, _criticOptimizer;
    private readonly Generator _generator;

    public Td3(DeterministicActor actor, DeterministicActor targetActor, TwinQCritic critic, TwinQCritic targetCritic,
        Td3Hyperparameters hyper, ulong seed)
    {
        (_actor, _targetActor, _critic, _targetCritic, _hyper) = (actor, targetActor, critic, targetCritic, hyper);
        TargetNetwork.HardUpdate(targetActor.ParameterList, actor.ParameterList);
        TargetNetwork.HardUpdate(targetCritic.ParameterList, critic.ParameterList);
        TargetNetwork.Freeze(targetActor.ParameterList);
        TargetNetwork.Freeze(targetCritic.ParameterList);
        _actorOptimizer = optim.Adam(actor.ParameterList, lr: hyper.ActorLearningRate);
        _criticOptimizer = optim.Adam(critic.ParameterList, lr: hyper.CriticLearningRate);
        _generator = new Generator(seed);
    }

    /// <summary>Critic updates so far.</summary>
    public int Updates { get; private set; }

    /// <summary>Actor (and target) updates so far: one per <c>PolicyDelay</c> critic updates.</summary>
    public int ActorUpdates { get; private set; }

    /// <summary>
    /// a' = clip(μ'(s') + clip(σ̃ n, -c, c) · scale, low, high) for standard normal <paramref name="noise"/> n [B, A].
    /// </summary>
    public static Tensor SmoothedTargetAction(DeterministicActor targetActor, Tensor nextObservations, Tensor noise, Td3Hyperparameters hyper)
    {
        using var scope = NewDisposeScope();
        var bounds = targetActor.Bounds;
        var epsilon = (noise * hyper.PolicyNoise).clamp(-hyper.NoiseClip, hyper.NoiseClip) * bounds.ScaleTensor();
        var action = (targetActor.forward(nextObservations) + epsilon).clamp(bounds.LowTensor(), bounds.HighTensor());
        return action.MoveToOuterDisposeScope();
    }

    /// <summary>L_Q for standard normal smoothing <paramref name="noise"/> [B, A]; the caller's dispose scope owns the tensors.</summary>
    public static (Tensor Loss, Tensor Q1) CriticLoss(TwinQCritic critic, DeterministicActor targetActor, TwinQCritic targetCritic,
        Tensor s, Tensor a, Tensor r, Tensor next, Tensor terminated, Tensor noise, Td3Hyperparameters hyper)
    {
        Tensor y;
        using (no_grad())
        {
            var nextAction = SmoothedTargetAction(targetActor, next, noise, hyper);
            y = r + hyper.Gamma * (1 - terminated) * targetCritic.Min(next, nextAction);
        }
        var (q1, q2) = critic.forward(s, a);
        return (nn.functional.mse_loss(q1, y) + nn.functional.mse_loss(q2, y), q1);
    }

    /// <summary>L_μ = -mean Q1(s, μ(s)).</summary>
    public static Tensor ActorLoss(DeterministicActor actor, TwinQCritic critic, Tensor s) => -critic.Q1.forward(s, actor.forward(s)).mean();

    public OffPolicyStatistics Update(ReplayBatch batch)
    {
        using var scope = NewDisposeScope();
        var (s, a, r, next, terminated) = batch.ToTensors();
        var noise = randn(a.shape, generator: _generator);
        var (criticLoss, q1) = CriticLoss(_critic, _targetActor, _targetCritic, s, a, r, next, terminated, noise, _hyper);
        _criticOptimizer.zero_grad();
        criticLoss.backward();
        _criticOptimizer.step();
        Updates++;

        var actorLoss = double.NaN;
        if (Updates % _hyper.PolicyDelay == 0)
        {
            var loss = ActorLoss(_actor, _critic, s);
            _actorOptimizer.zero_grad();
            loss.backward();
            _actorOptimizer.step();
            actorLoss = loss.item<float>();
            TargetNetwork.Polyak(_targetActor.ParameterList, _actor.ParameterList, _hyper.Tau);
            TargetNetwork.Polyak(_targetCritic.ParameterList, _critic.ParameterList, _hyper.Tau);
            ActorUpdates++;
        }
        return new OffPolicyStatistics(criticLoss.item<float>(), actorLoss, q1.mean().item<float>());
    }

    public void Dispose()
    {
        _actorOptimizer.Dispose();
        _criticOptimizer.Dispose();
        _generator.Dispose();
    }
}
