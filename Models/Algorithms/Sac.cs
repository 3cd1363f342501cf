using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>SAC's knobs (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications").</summary>
public sealed record SacHyperparameters
{
    public double Gamma { get; init; } = 0.99;

    public double Tau { get; init; } = 0.005;

    public double PolicyLearningRate { get; init; } = 3e-4;

    public double QLearningRate { get; init; } = 1e-3;

    /// <summary>The policy (and temperature) move every this many critic updates, that many times (so as often overall).</summary>
    public int PolicyFrequency { get; init; } = 2;

    /// <summary>Initial (or, without <see cref="AutoTune"/>, fixed) temperature α.</summary>
    public double Alpha { get; init; } = 0.2;

    /// <summary>Learn α so the policy's entropy tracks <see cref="TargetEntropy"/>.</summary>
    public bool AutoTune { get; init; } = true;

    /// <summary>H̄; null means -|A|, the paper's heuristic.</summary>
    public double? TargetEntropy { get; init; }

    public int BatchSize { get; init; } = 256;

    public int LearningStarts { get; init; } = 1000;
}

/// <summary>
/// Soft actor-critic (Haarnoja et al. 2018), read top to bottom, on a replay batch (s, a, r, s', d)
/// with d = terminated and a squashed Gaussian policy π_φ (<see cref="SquashedGaussianActor"/>):
/// <code>
///   a' ~ π_φ(· | s')
///   y     = r + γ (1 - d) (min(Q_θ1'(s', a'), Q_θ2'(s', a')) - α log π_φ(a' | s'))   soft target
///   L_Q   = mean((Q_θ1(s, a) - y)²) + mean((Q_θ2(s, a) - y)²)
///   ã ~ π_φ(· | s), reparameterised
///   L_π   = mean(α log π_φ(ã | s) - min(Q_θ1(s, ã), Q_θ2(s, ã)))
///   L_α   = mean(-α (log π_φ(ã | s) + H̄))             α = exp(log α); H̄ = -|A| by default
///   θ' ← τ θ + (1 - τ) θ'                                every update
/// </code>
/// When the policy's entropy -log π exceeds H̄, L_α's gradient in log α is positive and α falls;
/// below it, α rises. The policy and α step <c>PolicyFrequency</c> times every <c>PolicyFrequency</c>-th update.
/// </summary>
public sealed class Sac : IDisposable
{
    private readonly SquashedGaussianActor _actor;
    private readonly TwinQCritic _critic, _targetCritic;
    private readonly SacHyperparameters _hyper;
    private readonly optim.Optimizer _actorOptimizer, _criticOptimizer;
    private readonly optim.Optimizer? _alphaOptimizer;
    private readonly TorchSharp.Modules.Parameter _logAlpha;
    private readonly Generator _generator;

    public Sac(SquashedGaussianActor actor, TwinQCritic critic, TwinQCritic targetCritic, SacHyperparameters hyper, ulong seed)
    {
        (_actor, _critic, _targetCritic, _hyper) = (actor, critic, targetCritic, hyper);
        TargetNetwork.HardUpdate(targetCritic.ParameterList, critic.ParameterList);
        TargetNetwork.Freeze(targetCritic.ParameterList);
        _actorOptimizer = optim.Adam(actor.ParameterList, lr: hyper.PolicyLearningRate);
        _criticOptimizer = optim.Adam(critic.ParameterList, lr: hyper.QLearningRate);
        TargetEntropy = hyper.TargetEntropy ?? -actor.Bounds.Size;
        _logAlpha = new TorchSharp.Modules.Parameter(tensor(new[] { (float)Math.Log(hyper.Alpha) }, [1]), requires_grad: hyper.AutoTune);
        if (hyper.AutoTune) _alphaOptimizer = optim.Adam([_logAlpha], lr: hyper.QLearningRate);
        _generator = new Generator(seed);
    }

    /// <summary>H̄, the entropy the temperature steers the policy towards.</summary>
    public double TargetEntropy { get; }

    /// <summary>The current temperature α.</summary>
    public double Alpha
    {
        get
        {
            using var value = _logAlpha.detach().exp();
            return value.item<float>();
        }
    }

    public int Updates { get; private set; }

    /// <summary>
    /// L_Q with the next actions drawn with standard normal <paramref name="nextNoise"/> [B, A]
    /// (from the actor's reparameterisation); the caller's dispose scope owns the tensors.
    /// </summary>
    public static (Tensor Loss, Tensor Q1) CriticLoss(SquashedGaussianActor actor, TwinQCritic critic, TwinQCritic targetCritic,
        Tensor s, Tensor a, Tensor r, Tensor next, Tensor terminated, Tensor nextNoise, double alpha, double gamma)
    {
        Tensor y;
        using (no_grad())
        {
            var (nextAction, nextLogProb) = actor.Sample(next, nextNoise);
            var softValue = targetCritic.Min(next, nextAction) - alpha * nextLogProb;
            y = r + gamma * (1 - terminated) * softValue;
        }
        var (q1, q2) = critic.forward(s, a);
        return (nn.functional.mse_loss(q1, y) + nn.functional.mse_loss(q2, y), q1);
    }

    /// <summary>L_π = mean(α log π(ã | s) - min Q(s, ã)) for ã drawn with <paramref name="noise"/>; also returns log π(ã | s).</summary>
    public static (Tensor Loss, Tensor LogProb) ActorLoss(SquashedGaussianActor actor, TwinQCritic critic, Tensor s, Tensor noise, double alpha)
    {
        var (action, logProb) = actor.Sample(s, noise);
        return ((alpha * logProb - critic.Min(s, action)).mean(), logProb);
    }

    public OffPolicyStatistics Update(ReplayBatch batch)
    {
        using var scope = NewDisposeScope();
        var (s, a, r, next, terminated) = batch.ToTensors();
        var (criticLoss, q1) = CriticLoss(_actor, _critic, _targetCritic, s, a, r, next, terminated,
            randn(a.shape, generator: _generator), Alpha, _hyper.Gamma);
        _criticOptimizer.zero_grad();
        criticLoss.backward();
        _criticOptimizer.step();
        Updates++;

        var actorLoss = double.NaN;
        if (Updates % _hyper.PolicyFrequency == 0)
        {
            for (var k = 0; k < _hyper.PolicyFrequency; k++)
            {
                using var inner = NewDisposeScope();
                var (loss, logProb) = ActorLoss(_actor, _critic, s, randn(a.shape, generator: _generator), Alpha);
                _actorOptimizer.zero_grad();
                loss.backward();
                _actorOptimizer.step();
                actorLoss = loss.item<float>();
                if (_hyper.AutoTune) UpdateTemperature(logProb);
            }
        }
        TargetNetwork.Polyak(_targetCritic.ParameterList, _critic.ParameterList, _hyper.Tau);
        return new OffPolicyStatistics(criticLoss.item<float>(), actorLoss, q1.mean().item<float>(), Alpha);
    }

    /// <summary>One Adam step on L_α = mean(-exp(log α) (log π + H̄)) for the given log-probabilities; returns L_α.</summary>
    public double UpdateTemperature(Tensor logProbs)
    {
        if (_alphaOptimizer is null) throw new InvalidOperationException("the temperature is fixed (AutoTune is off)");
        using var scope = NewDisposeScope();
        var loss = (-_logAlpha.exp() * (logProbs.detach() + TargetEntropy)).mean();
        _alphaOptimizer.zero_grad();
        loss.backward();
        _alphaOptimizer.step();
        return loss.item<float>();
    }

    public void Dispose()
    {
        _actorOptimizer.Dispose();
        _criticOptimizer.Dispose();
        _alphaOptimizer?.Dispose();
        _logAlpha.Dispose();
        _generator.Dispose();
    }
}
