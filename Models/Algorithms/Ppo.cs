using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>PPO's knobs (Schulman et al. 2017); defaults as in the paper's Atari/classic-control recipe.</summary>
public sealed record PpoHyperparameters
{
    public double LearningRate { get; init; } = 2.5e-4;

    public double AdamEps { get; init; } = 1e-5;

    public double Gamma { get; init; } = 0.99;

    /// <summary>GAE's λ.</summary>
    public double Lambda { get; init; } = 0.95;

    /// <summary>Passes over the rollout per update.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Minibatches each pass is split into.</summary>
    public int Minibatches { get; init; } = 4;

    /// <summary>ε: the probability ratio is clipped to [1 - ε, 1 + ε].</summary>
    public double ClipCoefficient { get; init; } = 0.2;

    /// <summary>Clip the value update to ±ε around the rollout's values as well.</summary>
    public bool ClipValueLoss { get; init; } = true;

    public double EntropyCoefficient { get; init; } = 0.01;

    public double ValueCoefficient { get; init; } = 0.5;

    public double MaxGradNorm { get; init; } = 0.5;

    /// <summary>Normalise advantages to zero mean, unit deviation within each minibatch.</summary>
    public bool NormalizeAdvantages { get; init; } = true;

    /// <summary>Stop the epochs early once the approximate KL to the rollout policy exceeds this.</summary>
    public double? TargetKl { get; init; }
}

/// <summary>
/// A rollout ready for PPO, row-major: the observations, the actions taken (floats, ActionSize per
/// row, or one int per row when ActionSize is 0), their log-probabilities and values at collection
/// time, and the GAE advantages and returns (<see cref="Gae"/>).
/// </summary>
public sealed record PpoBatch(int Count, int ObservationSize, int ActionSize, float[] Observations, float[] Actions,
    int[] DiscreteActions, float[] LogProbs, float[] Values, float[] Advantages, float[] Returns);

/// <summary>What one PPO update did, averaged over its minibatches (the last one for the KL and clip fraction).</summary>
public readonly record struct PpoStatistics(double PolicyLoss, double ValueLoss, double Entropy, double ApproxKl,
    double ClipFraction, int Minibatches);

/// <summary>
/// Proximal policy optimisation with the clipped surrogate (Schulman et al. 2017), read top to bottom:
/// <code>
///   r_t(θ)   = exp(log π_θ(a_t | s_t) - log π_old(a_t | s_t))
///   Â_t      ← (Â_t - mean Â) / (std Â + 1e-8)                    per minibatch, optional
///   L_clip   = mean(max(-Â_t r_t, -Â_t clip(r_t, 1 - ε, 1 + ε)))    minimised: the negated objective
///   V_clip   = V_old + clip(V_θ(s_t) - V_old, -ε, ε)                optional
///   L_V      = ½ mean(max((V_θ - R_t)², (V_clip - R_t)²))            or ½ mean((V_θ - R_t)²) unclipped
///   L        = L_clip - c_H · mean H(π_θ(· | s_t)) + c_V · L_V
/// </code>
/// An update runs <c>Epochs</c> passes over the rollout, each over shuffled minibatches, one Adam
/// step (gradient clipped to a global norm) per minibatch. The policy is categorical or a diagonal
/// Gaussian (<see cref="StochasticPolicy"/>); the critic is a separate MLP with one output.
/// </summary>
public sealed class Ppo : IDisposable
{
    public sealed record Terms(Tensor Total, Tensor Policy, Tensor Value, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

    private readonly StochasticPolicy _policy;
    private readonly Mlp _critic;
    private readonly PpoHyperparameters _hyper;
    private readonly optim.Optimizer _optimizer;
    private readonly TorchSharp.Modules.Parameter[] _parameters;
    private readonly Random _random;

    public Ppo(StochasticPolicy policy, Mlp critic, PpoHyperparameters hyper, int seed)
    {
        if (critic.Outputs != 1) throw new ArgumentException($"the critic has one output, this one has {critic.Outputs}");
        (_policy, _critic, _hyper) = (policy, critic, hyper);
        _parameters = [.. policy.ParameterList, .. critic.ParameterList];
        _optimizer = optim.Adam(_parameters, lr: hyper.LearningRate, eps: hyper.AdamEps);
        _random = new Random(seed);
    }

    public PpoHyperparameters Hyperparameters => _hyper;

    /// <summary>The loss on one minibatch, as tensors the caller's dispose scope owns.</summary>
    public static Terms Loss(StochasticPolicy policy, Mlp critic, Tensor observations, Tensor actions, Tensor oldLogProbs,
        Tensor oldValues, Tensor advantages, Tensor returns, PpoHyperparameters hyper)
    {
        var (logProbs, entropy) = policy.Evaluate(observations, actions);
        var logRatio = logProbs - oldLogProbs;
        var ratio = logRatio.exp();
        if (hyper.NormalizeAdvantages) advantages = (advantages - advantages.mean()) / (advantages.std() + 1e-8);

        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.clamp(1 - hyper.ClipCoefficient, 1 + hyper.ClipCoefficient);
        var policyLoss = maximum(unclipped, clipped).mean();

        var values = critic.forward(observations).squeeze(-1);
        Tensor valueLoss;
        if (hyper.ClipValueLoss)
        {
            var valuesClipped = oldValues + (values - oldValues).clamp(-hyper.ClipCoefficient, hyper.ClipCoefficient);
            valueLoss = 0.5 * maximum((values - returns).square(), (valuesClipped - returns).square()).mean();
        }
        else
        {
            valueLoss = 0.5 * (values - returns).square().mean();
        }

        var entropyMean = entropy.mean();
        var total = policyLoss - hyper.EntropyCoefficient * entropyMean + hyper.ValueCoefficient * valueLoss;

        Tensor approxKl, clipFraction;
        using (no_grad())
        {
            // k3 estimator of KL(π_old ‖ π_θ): E[(r - 1) - log r] (Schulman's approximation note).
            approxKl = ((ratio - 1) - logRatio).mean();
            clipFraction = ((ratio - 1).abs() > hyper.ClipCoefficient).to_type(ScalarType.Float32).mean();
        }
        return new Terms(total, policyLoss, valueLoss, entropyMean, approxKl, clipFraction);
    }

    /// <summary>One PPO update on a rollout. <paramref name="learningRate"/> overrides the rate (for annealing).</summary>
    public PpoStatistics Update(PpoBatch batch, double? learningRate = null)
    {
        if (learningRate is { } rate)
            foreach (var group in _optimizer.ParamGroups) group.LearningRate = rate;
        using var scope = NewDisposeScope();
        var observations = tensor(batch.Observations, [batch.Count, batch.ObservationSize]);
        var actions = batch.ActionSize == 0
            ? tensor(batch.DiscreteActions, [batch.Count]).to_type(ScalarType.Int64)
            : tensor(batch.Actions, [batch.Count, batch.ActionSize]);
        var oldLogProbs = tensor(batch.LogProbs, [batch.Count]);
        var oldValues = tensor(batch.Values, [batch.Count]);
        var advantages = tensor(batch.Advantages, [batch.Count]);
        var returns = tensor(batch.Returns, [batch.Count]);

        var minibatchSize = Math.Max(1, batch.Count / _hyper.Minibatches);
        var order = Enumerable.Range(0, batch.Count).ToArray();
        double policySum = 0, valueSum = 0, entropySum = 0, kl = 0, clipFraction = 0;
        var steps = 0;
        for (var epoch = 0; epoch < _hyper.Epochs; epoch++)
        {
            _random.Shuffle(order);
            for (var start = 0; start + minibatchSize <= batch.Count; start += minibatchSize)
            {
                using var step = NewDisposeScope();
                var index = tensor(order.AsSpan(start, minibatchSize).ToArray(), [minibatchSize]).to_type(ScalarType.Int64);
                var terms = Loss(_policy, _critic, observations.index_select(0, index), actions.index_select(0, index),
                    oldLogProbs.index_select(0, index), oldValues.index_select(0, index), advantages.index_select(0, index),
                    returns.index_select(0, index), _hyper);
                _optimizer.zero_grad();
                terms.Total.backward();
                nn.utils.clip_grad_norm_(_parameters, _hyper.MaxGradNorm);
                _optimizer.step();
                policySum += terms.Policy.item<float>();
                valueSum += terms.Value.item<float>();
                entropySum += terms.Entropy.item<float>();
                kl = terms.ApproxKl.item<float>();
                clipFraction = terms.ClipFraction.item<float>();
                steps++;
            }
            if (_hyper.TargetKl is { } target && kl > target) break;
        }
        return new PpoStatistics(policySum / steps, valueSum / steps, entropySum / steps, kl, clipFraction, steps);
    }

    public void Dispose() => _optimizer.Dispose();
}
