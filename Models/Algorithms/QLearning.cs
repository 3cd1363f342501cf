using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>Which bootstrap the value-based learner regresses on (Mnih et al. 2016, section 4).</summary>
public enum QTarget
{
    /// <summary>y = r + γ max_a' Q⁻(s', a').</summary>
    OneStepQ,

    /// <summary>y = r + γ Q⁻(s', a'), a' the action actually taken next (on-policy).</summary>
    OneStepSarsa,

    /// <summary>y = Σ_{i&lt;k} γ^i r_{t+i} + γ^k max_a' Q⁻(s_{t+k}, a'), k ≤ n.</summary>
    NStepQ,
}

/// <summary>The knobs of the value-based learners of Mnih et al. 2016.</summary>
public sealed record QLearningHyperparameters
{
    public QTarget Target { get; init; } = QTarget.NStepQ;

    public double Gamma { get; init; } = 0.99;

    /// <summary>n for n-step Q-learning, for the <see cref="NStepTransitionBuilder{TObs}"/> that feeds it; the one-step methods use 1.</summary>
    public int Steps { get; init; } = 5;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The target network θ⁻ is copied from θ every this many updates.</summary>
    public int TargetUpdateInterval { get; init; } = 100;

    public double EpsilonStart { get; init; } = 1.0;

    public double EpsilonEnd { get; init; } = 0.05;

    /// <summary>ε falls linearly from start to end over this many steps, then stays.</summary>
    public int EpsilonDecaySteps { get; init; } = 10_000;

    public double MaxGradNorm { get; init; } = 10;
}

/// <summary>
/// ε-greedy exploration: with probability ε a uniformly random action, else argmax_a Q(s, a),
/// ε annealed linearly: ε(t) = ε_end + (ε_start - ε_end) · max(0, 1 - t / T).
/// </summary>
public static class EpsilonGreedy
{
    public static double Epsilon(long step, QLearningHyperparameters hyper) =>
        hyper.EpsilonEnd + (hyper.EpsilonStart - hyper.EpsilonEnd) * Math.Max(0.0, 1.0 - (double)step / Math.Max(1, hyper.EpsilonDecaySteps));

    /// <summary>The action for one row of action values; ties go to the lowest index.</summary>
    public static int Select(ReadOnlySpan<float> q, double epsilon, Random random)
    {
        if (random.NextDouble() < epsilon) return random.Next(q.Length);
        var best = 0;
        for (var a = 1; a < q.Length; a++)
            if (q[a] > q[best]) best = a;
        return best;
    }
}

/// <summary>
/// One-step Q-learning, one-step SARSA and n-step Q-learning (Mnih et al. 2016), read top to bottom,
/// on a batch of n-step transitions (<see cref="NStepTransitionBuilder{TObs}"/>: n = 1 for the one-step
/// methods) with R the discounted reward sum and γ^k the bootstrap discount (0 where terminated):
/// <code>
///   y    = R + γ^k max_a' Q(s_{t+k}, a'; θ⁻)        Q-learning, one-step or n-step
///   y    = R + γ   Q(s_{t+1}, a_{t+1}; θ⁻)           one-step SARSA
///   L    = mean((y - Q(s_t, a_t; θ))²)
///   θ⁻ ← θ every <c>TargetUpdateInterval</c> updates  the shared target network
/// </code>
/// The paper's asynchronous learners share θ and θ⁻ across threads; here one learner applies each
/// batch with Adam (gradient clipped to a global norm), which the actors can later drive.
/// </summary>
public sealed class QLearning : IDisposable
{
    private readonly Mlp _q, _target;
    private readonly QLearningHyperparameters _hyper;
    private readonly optim.Optimizer _optimizer;

    /// <param name="q">Q(s, ·; θ): one output per action.</param>
    /// <param name="target">Q(s, ·; θ⁻), of the same shape; it starts as a copy of <paramref name="q"/>.</param>
    public QLearning(Mlp q, Mlp target, QLearningHyperparameters hyper)
    {
        (_q, _target, _hyper) = (q, target, hyper);
        TargetNetwork.HardUpdate(target.ParameterList, q.ParameterList);
        TargetNetwork.Freeze(target.ParameterList);
        _optimizer = optim.Adam(q.ParameterList, lr: hyper.LearningRate);
    }

    public int Updates { get; private set; }

    /// <summary>Target copies so far.</summary>
    public int TargetUpdates { get; private set; }

    /// <summary>
    /// The regression targets y [B]; <paramref name="bootstrapActions"/> (a_{t+1}, int64 [B]) is needed
    /// for SARSA only. No gradient flows through them.
    /// </summary>
    public static Tensor Targets(Mlp target, QTarget kind, Tensor returns, Tensor bootstrapObservations, Tensor bootstrapDiscounts,
        Tensor? bootstrapActions)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var q = target.forward(bootstrapObservations);
        var bootstrap = kind == QTarget.OneStepSarsa
            ? q.gather(1, (bootstrapActions ?? throw new ArgumentException("SARSA bootstraps from the next action taken; pass it")).unsqueeze(1)).squeeze(1)
            : q.max(1).values;
        return (returns + bootstrapDiscounts * bootstrap).MoveToOuterDisposeScope();
    }

    /// <summary>L = mean((y - Q(s, a))²) on a batch; the caller's dispose scope owns the tensors.</summary>
    public static Tensor Loss(Mlp q, Mlp target, QTarget kind, TransitionBatch<float> batch, int[]? bootstrapActions)
    {
        var n = batch.Count;
        var o = batch.ObservationSize;
        var s = tensor(batch.Observations.AsSpan(0, n * o).ToArray(), [n, o]);
        var a = tensor(batch.Actions.AsSpan(0, n).ToArray(), [n]).to_type(ScalarType.Int64);
        var y = Targets(target, kind, tensor(batch.Returns.AsSpan(0, n).ToArray(), [n]),
            tensor(batch.BootstrapObservations.AsSpan(0, n * o).ToArray(), [n, o]),
            tensor(batch.BootstrapDiscounts.AsSpan(0, n).ToArray(), [n]),
            bootstrapActions is null ? null : tensor(bootstrapActions.AsSpan(0, n).ToArray(), [n]).to_type(ScalarType.Int64));
        var chosen = q.forward(s).gather(1, a.unsqueeze(1)).squeeze(1);
        return (y - chosen).square().mean();
    }

    /// <summary>One gradient step on a batch, then the target copy when its interval is up. Returns the loss.</summary>
    public double Update(TransitionBatch<float> batch, int[]? bootstrapActions = null)
    {
        using var scope = NewDisposeScope();
        var loss = Loss(_q, _target, _hyper.Target, batch, bootstrapActions);
        _optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(_q.ParameterList, _hyper.MaxGradNorm);
        _optimizer.step();
        Updates++;
        if (Updates % _hyper.TargetUpdateInterval == 0)
        {
            TargetNetwork.HardUpdate(_target.ParameterList, _q.ParameterList);
            TargetUpdates++;
        }
        return loss.item<float>();
    }

    public void Dispose() => _optimizer.Dispose();
}
