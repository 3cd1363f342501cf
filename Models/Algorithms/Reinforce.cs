using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>REINFORCE's knobs (Williams 1992).</summary>
public sealed record ReinforceHyperparameters
{
    public double Gamma { get; init; } = 0.99;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Subtract a learned state-value baseline b(s) from the return (needs a baseline network).</summary>
    public bool UseBaseline { get; init; } = true;

    public double BaselineLearningRate { get; init; } = 1e-3;
}

/// <summary>
/// One whole episode, row-major: its observations, actions (floats, ActionSize per row, or one
/// int per row when ActionSize is 0) and rewards, step by step from the first to the last.
/// </summary>
public sealed record Episode(int Length, int ObservationSize, int ActionSize, float[] Observations, float[] Actions,
    int[] DiscreteActions, float[] Rewards);

/// <summary>
/// What one REINFORCE update did. The gradient figures are of the policy's flat gradient (before
/// the step): its L2 norm, largest magnitude and variance across parameters, the quantities that
/// show how much a baseline reduces the estimator's noise.
/// </summary>
public readonly record struct ReinforceStatistics(double PolicyLoss, double BaselineLoss, double MeanReturn,
    double GradientL2, double GradientMax, double GradientVariance, int Steps);

/// <summary>
/// REINFORCE (Williams 1992), the Monte Carlo policy gradient, read top to bottom over complete
/// episodes:
/// <code>
///   G_t    = Σ_{k≥t} γ^{k-t} r_k                       the return from step t to the episode's end
///   b(s_t) = V_w(s_t) with a baseline, else 0
///   L_π    = -mean_t(log π_θ(a_t | s_t) · (G_t - b(s_t)))   b is not differentiated here
///   L_b    = mean_t((G_t - V_w(s_t))²)                 the baseline regresses on the returns
/// </code>
/// One Adam step on each per update, over every step of the episodes given. The baseline leaves
/// the gradient's expectation unchanged and lowers its variance.
/// </summary>
public sealed class Reinforce : IDisposable
{
    public sealed record Terms(Tensor Policy, Tensor Baseline, Tensor Returns);

    private readonly StochasticPolicy _policy;
    private readonly Mlp? _baseline;
    private readonly ReinforceHyperparameters _hyper;
    private readonly optim.Optimizer _policyOptimizer;
    private readonly optim.Optimizer? _baselineOptimizer;
    private readonly float[] _gradient;

    public Reinforce(StochasticPolicy policy, Mlp? baseline, ReinforceHyperparameters hyper)
    {
        if (hyper.UseBaseline && baseline is null) throw new ArgumentException("UseBaseline needs a baseline network", nameof(baseline));
        if (baseline is not null && baseline.Outputs != 1) throw new ArgumentException($"the baseline has one output, this one has {baseline.Outputs}");
        (_policy, _baseline, _hyper) = (policy, hyper.UseBaseline ? baseline : null, hyper);
        _policyOptimizer = optim.Adam(policy.ParameterList, lr: hyper.LearningRate);
        if (_baseline is not null) _baselineOptimizer = optim.Adam(_baseline.ParameterList, lr: hyper.BaselineLearningRate);
        _gradient = new float[FlatParameters.Length(policy.ParameterList)];
    }

    /// <summary>The policy's flat gradient from the last update, in parameter order.</summary>
    public ReadOnlySpan<float> Gradient => _gradient;

    /// <summary>G_t = r_t + γ G_{t+1}, backwards from the episode's last step (G after it is 0).</summary>
    public static void ReturnsToGo(ReadOnlySpan<float> rewards, double gamma, Span<float> returns)
    {
        double following = 0;
        for (var t = rewards.Length - 1; t >= 0; t--)
        {
            following = rewards[t] + gamma * following;
            returns[t] = (float)following;
        }
    }

    /// <summary>The losses over the given steps; <paramref name="baseline"/> null means b = 0. The caller's scope owns the tensors.</summary>
    public static Terms Loss(StochasticPolicy policy, Mlp? baseline, Tensor observations, Tensor actions, Tensor returns)
    {
        var (logProbs, _) = policy.Evaluate(observations, actions);
        if (baseline is null)
            return new Terms(-(logProbs * returns).mean(), zeros(1).squeeze(), returns);
        var values = baseline.forward(observations).squeeze(-1);
        var policyLoss = -(logProbs * (returns - values.detach())).mean();
        var baselineLoss = (returns - values).square().mean();
        return new Terms(policyLoss, baselineLoss, returns);
    }

    public ReinforceStatistics Update(IReadOnlyList<Episode> episodes)
    {
        if (episodes.Count == 0) throw new ArgumentException("an update needs at least one episode", nameof(episodes));
        var steps = episodes.Sum(e => e.Length);
        var o = episodes[0].ObservationSize;
        var actionSize = episodes[0].ActionSize;
        var observations = new float[steps * o];
        var floatActions = new float[steps * actionSize];
        var intActions = new long[actionSize == 0 ? steps : 0];
        var returns = new float[steps];
        var row = 0;
        foreach (var episode in episodes)
        {
            if (episode.ObservationSize != o || episode.ActionSize != actionSize)
                throw new ArgumentException("every episode of an update must have the same observation and action sizes");
            episode.Observations.AsSpan(0, episode.Length * o).CopyTo(observations.AsSpan(row * o));
            if (actionSize == 0) for (var t = 0; t < episode.Length; t++) intActions[row + t] = episode.DiscreteActions[t];
            else episode.Actions.AsSpan(0, episode.Length * actionSize).CopyTo(floatActions.AsSpan(row * actionSize));
            ReturnsToGo(episode.Rewards.AsSpan(0, episode.Length), _hyper.Gamma, returns.AsSpan(row, episode.Length));
            row += episode.Length;
        }

        using var scope = NewDisposeScope();
        var x = tensor(observations, [steps, o]);
        var a = actionSize == 0 ? tensor(intActions, [steps]) : tensor(floatActions, [steps, actionSize]);
        var terms = Loss(_policy, _baseline, x, a, tensor(returns, [steps]));

        _policyOptimizer.zero_grad();
        terms.Policy.backward();
        FlatParameters.CopyGradientsTo(_policy.ParameterList, _gradient);
        var (l2, max, variance) = A2CGradients.Statistics(_gradient);
        _policyOptimizer.step();

        if (_baseline is not null)
        {
            _baselineOptimizer!.zero_grad();
            terms.Baseline.backward();
            _baselineOptimizer.step();
        }
        return new ReinforceStatistics(terms.Policy.item<float>(), terms.Baseline.item<float>(), returns.Average(),
            l2, max, variance, steps);
    }

    public void Dispose()
    {
        _policyOptimizer.Dispose();
        _baselineOptimizer?.Dispose();
    }
}
