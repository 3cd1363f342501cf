using A3C.Models.Algorithms;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Tests.Algorithms;

public sealed class ReinforceTests
{
    // Linear categorical policy over 2 actions and a linear baseline, 2-float observations.
    private static readonly double[] W = [0.5, -1.0, 0.25, 0.75], B = [0.1, -0.2], Wv = [0.3, -0.6], Bv = [0.05];
    private static readonly double[][] States = [[1.0, 2.0], [0.5, -1.0], [-1.5, 0.25]];
    private static readonly int[] Actions = [1, 0, 1];
    private static readonly float[] Rewards = [1, 0, 2];
    private const double Gamma = 0.5;

    private static double[] Probabilities(double[] x)
    {
        double[] logits = [W[0] * x[0] + W[1] * x[1] + B[0], W[2] * x[0] + W[3] * x[1] + B[1]];
        var z = Math.Exp(logits[0]) + Math.Exp(logits[1]);
        return [Math.Exp(logits[0]) / z, Math.Exp(logits[1]) / z];
    }

    private static Episode OneEpisode() => new(3, 2, 0, States.SelectMany(s => s).Select(v => (float)v).ToArray(), [], Actions, Rewards);

    private static CategoricalPolicy Policy()
    {
        var policy = new CategoricalPolicy(new Mlp(2, [], 2));
        FlatParameters.CopyFrom(policy.ParameterList, W.Concat(B).Select(v => (float)v).ToArray());
        return policy;
    }

    [Fact]
    public void Returns_to_go_discount_the_rest_of_the_episode()
    {
        var returns = new float[3];
        Reinforce.ReturnsToGo(Rewards, Gamma, returns);
        Assert.Equal([1 + 0.5f * 0 + 0.25f * 2, 0 + 0.5f * 2, 2f], returns);
    }

    [Fact]
    public void Loss_with_a_baseline_equals_the_hand_computed_value()
    {
        using var scope = NewDisposeScope();
        var policy = Policy();
        var baseline = new Mlp(2, [], 1);
        FlatParameters.CopyFrom(baseline.ParameterList, Wv.Concat(Bv).Select(v => (float)v).ToArray());
        double[] returns = [1.5, 1.0, 2.0];

        var terms = Reinforce.Loss(policy, baseline, tensor(OneEpisode().Observations, [3, 2]), tensor(new long[] { 1, 0, 1 }),
            tensor(returns.Select(v => (float)v).ToArray()));

        double policyLoss = 0, baselineLoss = 0;
        for (var t = 0; t < 3; t++)
        {
            var v = Wv[0] * States[t][0] + Wv[1] * States[t][1] + Bv[0];
            policyLoss += -Math.Log(Probabilities(States[t])[Actions[t]]) * (returns[t] - v) / 3;
            baselineLoss += (returns[t] - v) * (returns[t] - v) / 3;
        }
        Assert.Equal(policyLoss, terms.Policy.item<float>(), 5);
        Assert.Equal(baselineLoss, terms.Baseline.item<float>(), 5);
    }

    [Fact]
    public void Update_without_a_baseline_reports_the_statistics_of_the_hand_computed_flat_gradient()
    {
        using var scope = NewDisposeScope();
        var policy = Policy();
        using var reinforce = new Reinforce(policy, null, new ReinforceHyperparameters { Gamma = Gamma, UseBaseline = false });

        var stats = reinforce.Update([OneEpisode()]);

        // ∂L/∂logit_k = Σ_t (π_k - 1[a_t = k]) G_t / T; the weight gradient multiplies it by x_j.
        double[] g = [1.5, 1.0, 2.0];
        var gradient = new double[6]; // W [2x2], then b [2]
        for (var t = 0; t < 3; t++)
        {
            var p = Probabilities(States[t]);
            for (var k = 0; k < 2; k++)
            {
                var dLogit = (p[k] - (Actions[t] == k ? 1 : 0)) * g[t] / 3;
                gradient[2 * k] += dLogit * States[t][0];
                gradient[2 * k + 1] += dLogit * States[t][1];
                gradient[4 + k] += dLogit;
            }
        }
        for (var i = 0; i < 6; i++) Assert.Equal(gradient[i], reinforce.Gradient[i], 5);
        var mean = gradient.Average();
        Assert.Equal(Math.Sqrt(gradient.Sum(v => v * v)), stats.GradientL2, 5);
        Assert.Equal(gradient.Max(Math.Abs), stats.GradientMax, 5);
        Assert.Equal(gradient.Sum(v => (v - mean) * (v - mean)) / 6, stats.GradientVariance, 5);
        Assert.Equal(3, stats.Steps);
        Assert.Equal(0, stats.BaselineLoss);
    }
}
