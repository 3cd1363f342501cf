using A3C.Models.Algorithms;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Tests.Algorithms;

public sealed class A2CLossTests
{
    // body W1 [2x2], b1; policy W2 [2x2], b2; value w3 [1x2], b3 — MlpActorCritic's parameter order.
    private static readonly double[] W1 = [0.5, -0.25, 0.75, 0.5], B1 = [0.1, -0.2], W2 = [1.0, -1.0, 0.5, 0.25], B2 = [0.0, 0.1],
        W3 = [0.3, -0.6], B3 = [0.05];

    private static (double[] Logits, double Value) Forward(double[] x)
    {
        var h = new double[2];
        for (var i = 0; i < 2; i++) h[i] = Math.Max(0, W1[2 * i] * x[0] + W1[2 * i + 1] * x[1] + B1[i]);
        var logits = new double[2];
        for (var i = 0; i < 2; i++) logits[i] = W2[2 * i] * h[0] + W2[2 * i + 1] * h[1] + B2[i];
        return (logits, W3[0] * h[0] + W3[1] * h[1] + B3[0]);
    }

    [Fact]
    public void Loss_on_a_hand_built_batch_equals_the_hand_computed_value()
    {
        using var scope = NewDisposeScope();
        using var net = new MlpActorCritic(2, 2, hidden: 2);
        FlatParameters.CopyFrom(net.ParameterList, W1.Concat(B1).Concat(W2).Concat(B2).Concat(W3).Concat(B3).Select(v => (float)v).ToArray());

        // Two transitions: one bootstraps with γ^2 = 0.81, one ended in termination.
        double[][] states = [[1.0, 2.0], [0.5, -1.0]];
        double[][] next = [[2.0, 0.5], [0.0, 0.0]];
        int[] actions = [1, 0];
        double[] returns = [1.5, -1.0], discounts = [0.81, 0.0];
        var batch = new TransitionBatch<float>(2, 2, states.SelectMany(s => s).Select(v => (float)v).ToArray(), actions,
            returns.Select(v => (float)v).ToArray(), next.SelectMany(s => s).Select(v => (float)v).ToArray(),
            discounts.Select(v => (float)v).ToArray());
        var hyper = new A2CHyperparameters { EntropyBeta = 0.01, ValueCoefficient = 0.5 };

        double policy = 0, value = 0, entropy = 0;
        for (var i = 0; i < 2; i++)
        {
            var target = returns[i] + discounts[i] * Forward(next[i]).Value;
            var (logits, v) = Forward(states[i]);
            var logZ = Math.Log(Math.Exp(logits[0]) + Math.Exp(logits[1]));
            var logP = logits.Select(l => l - logZ).ToArray();
            policy += -(target - v) * logP[actions[i]] / 2;
            value += (target - v) * (target - v) / 2;
            entropy += -logP.Sum(lp => Math.Exp(lp) * lp) / 2;
        }
        var expected = policy + 0.5 * value - 0.01 * entropy;

        var terms = A2CLoss.Compute(net, batch, [2], hyper, CPU);
        Assert.Equal(policy, terms.Policy.item<float>(), 5);
        Assert.Equal(value, terms.Value.item<float>(), 5);
        Assert.Equal(entropy, terms.Entropy.item<float>(), 5);
        Assert.Equal(expected, terms.Total.item<float>(), 5);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.RmsProp)]
    public void A_non_finite_gradient_is_not_applied_and_leaves_the_optimizer_as_it_was(OptimizerKind kind)
    {
        using var scope = NewDisposeScope();
        using var net = new MlpActorCritic(2, 2, hidden: 4);
        using var step = new GradientStep(net, kind, learningRate: 0.01, eps: 1e-3);
        var before = FlatParameters.Export(net.ParameterList);
        var state = step.SaveState();
        var poisoned = new float[before.Length];
        poisoned[3] = float.NaN;
        Assert.Null(step.Apply(poisoned, inParameters: false, maxNorm: 0.5));
        Assert.Equal(before, FlatParameters.Export(net.ParameterList));
        Assert.Equal(state, step.SaveState());
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.RmsProp)]
    public void A_finite_gradient_is_clipped_and_applied(OptimizerKind kind)
    {
        using var scope = NewDisposeScope();
        using var net = new MlpActorCritic(2, 2, hidden: 4);
        using var step = new GradientStep(net, kind, learningRate: 0.01, eps: 1e-3);
        var before = FlatParameters.Export(net.ParameterList);
        var gradient = Enumerable.Range(0, before.Length).Select(i => (float)(i % 5 - 2)).ToArray();

        var norm = step.Apply(gradient, inParameters: false, maxNorm: 0.5);

        Assert.Equal(Math.Sqrt(gradient.Sum(g => (double)g * g)), norm!.Value, 4);
        var after = FlatParameters.Export(net.ParameterList);
        for (var i = 0; i < before.Length; i++)
        {
            // Every weight moves against its gradient's sign; those with a zero gradient stay.
            if (gradient[i] == 0) Assert.Equal(before[i], after[i]);
            else Assert.Equal(-Math.Sign(gradient[i]), Math.Sign(after[i] - before[i]));
        }
    }

    [Fact]
    public void Gradient_statistics_are_the_l2_norm_max_and_variance()
    {
        var (l2, max, variance) = A2CGradients.Statistics([3, -4]);
        Assert.Equal(5, l2, 10);
        Assert.Equal(4, max, 10);
        Assert.Equal(12.25, variance, 10); // mean -0.5: ((3.5)^2 + (3.5)^2) / 2
    }
}
