using A3C.Models.Algorithms;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Tests.Algorithms;

public sealed class PpoLossTests
{
    // Linear policy and critic (no hidden layer): logits = W x + b, V = w·x + c.
    private static readonly double[] W = [0.5, -1.0, 0.25, 0.75], B = [0.1, -0.2], Wv = [0.3, -0.6], Bv = [0.05];
    private static readonly double[][] States = [[1.0, 2.0], [0.5, -1.0], [-1.5, 0.25]];

    private static double Dot(double[] w, int row, double[] x) => w[2 * row] * x[0] + w[2 * row + 1] * x[1];

    private static (StochasticPolicy, Mlp) Networks()
    {
        var policy = new CategoricalPolicy(new Mlp(2, [], 2));
        FlatParameters.CopyFrom(policy.ParameterList, W.Concat(B).Select(v => (float)v).ToArray());
        var critic = new Mlp(2, [], 1);
        FlatParameters.CopyFrom(critic.ParameterList, Wv.Concat(Bv).Select(v => (float)v).ToArray());
        return (policy, critic);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Categorical_loss_equals_the_hand_computed_value(bool normalise, bool clipValue)
    {
        using var scope = NewDisposeScope();
        var (policy, critic) = Networks();
        int[] actions = [1, 0, 1];
        // Old log-probabilities chosen so the ratios fall below, inside and above [0.8, 1.2].
        double[] oldLogProbs = [-0.2, -1.5, -0.9];
        double[] oldValues = [0.0, 1.0, -0.5], advantages = [1.0, -2.0, 0.5], returns = [1.0, 0.2, -1.0];
        var hyper = new PpoHyperparameters { ClipCoefficient = 0.2, EntropyCoefficient = 0.01, ValueCoefficient = 0.5,
            NormalizeAdvantages = normalise, ClipValueLoss = clipValue };

        var adv = advantages.ToArray();
        if (normalise)
        {
            var mean = adv.Average();
            var std = Math.Sqrt(adv.Sum(a => (a - mean) * (a - mean)) / (adv.Length - 1));
            adv = adv.Select(a => (a - mean) / (std + 1e-8)).ToArray();
        }
        double policyLoss = 0, valueLoss = 0, entropy = 0;
        for (var i = 0; i < 3; i++)
        {
            var x = States[i];
            double[] logits = [Dot(W, 0, x) + B[0], Dot(W, 1, x) + B[1]];
            var logZ = Math.Log(Math.Exp(logits[0]) + Math.Exp(logits[1]));
            var logP = logits.Select(z => z - logZ).ToArray();
            var ratio = Math.Exp(logP[actions[i]] - oldLogProbs[i]);
            policyLoss += Math.Max(-adv[i] * ratio, -adv[i] * Math.Clamp(ratio, 0.8, 1.2)) / 3;
            var v = Dot(Wv, 0, x) + Bv[0];
            var vClipped = oldValues[i] + Math.Clamp(v - oldValues[i], -0.2, 0.2);
            var squared = (v - returns[i]) * (v - returns[i]);
            valueLoss += 0.5 * (clipValue ? Math.Max(squared, (vClipped - returns[i]) * (vClipped - returns[i])) : squared) / 3;
            entropy += -logP.Sum(lp => Math.Exp(lp) * lp) / 3;
        }

        var terms = Ppo.Loss(policy, critic, tensor(States.SelectMany(s => s).Select(v => (float)v).ToArray(), [3, 2]),
            tensor(actions.Select(a => (long)a).ToArray(), [3]), F(oldLogProbs), F(oldValues), F(advantages), F(returns), hyper);

        Assert.Equal(policyLoss, terms.Policy.item<float>(), 5);
        Assert.Equal(valueLoss, terms.Value.item<float>(), 5);
        Assert.Equal(entropy, terms.Entropy.item<float>(), 5);
        Assert.Equal(policyLoss - 0.01 * entropy + 0.5 * valueLoss, terms.Total.item<float>(), 5);
    }

    [Fact]
    public void Diagonal_gaussian_log_probability_and_entropy_equal_the_hand_computed_values()
    {
        using var scope = NewDisposeScope();
        // Mean = W x + b over 2 action dimensions, log σ = [-0.5, 0.3] (the module's own parameter comes first).
        var policy = new DiagonalGaussianPolicy(new Mlp(2, [], 2));
        double[] logStd = [-0.5, 0.3];
        FlatParameters.CopyFrom(policy.ParameterList, logStd.Concat(W).Concat(B).Select(v => (float)v).ToArray());
        double[] x = [1.0, 2.0], a = [0.4, -1.1];

        var (logProb, entropy) = policy.Evaluate(tensor(x.Select(v => (float)v).ToArray(), [1, 2]), tensor(a.Select(v => (float)v).ToArray(), [1, 2]));

        double expectedLogProb = 0, expectedEntropy = 0;
        for (var d = 0; d < 2; d++)
        {
            var mu = Dot(W, d, x) + B[d];
            var sigma = Math.Exp(logStd[d]);
            expectedLogProb += -(a[d] - mu) * (a[d] - mu) / (2 * sigma * sigma) - Math.Log(sigma) - 0.5 * Math.Log(2 * Math.PI);
            expectedEntropy += 0.5 + 0.5 * Math.Log(2 * Math.PI) + Math.Log(sigma);
        }
        Assert.Equal(expectedLogProb, logProb.item<float>(), 5);
        Assert.Equal(expectedEntropy, entropy.item<float>(), 5);
    }

    [Fact]
    public void An_update_moves_the_policy_towards_actions_with_positive_advantage()
    {
        using var scope = NewDisposeScope();
        var (policy, critic) = Networks();
        using var ppo = new Ppo(policy, critic, new PpoHyperparameters { LearningRate = 0.01, Minibatches = 1, Epochs = 4 }, seed: 1);
        float[] observations = [1, 2, 1, 2];
        using var x = tensor(observations, [2, 2]);
        var (before, _) = policy.Evaluate(x, tensor(new long[] { 1, 1 }));
        var logProbs = before.detach().data<float>().ToArray();
        var batch = new PpoBatch(2, 2, 0, observations, [], [1, 0], [logProbs[0], -logProbs[0]], [0, 0], [1, -1], [1, -1]);
        // Action 0's log-probability is not used as given: recompute it so the ratio starts at 1.
        var (lp0, _) = policy.Evaluate(x, tensor(new long[] { 0, 0 }));
        batch.LogProbs[1] = lp0.data<float>()[0];

        var stats = ppo.Update(batch);

        var (after, _) = policy.Evaluate(x, tensor(new long[] { 1, 1 }));
        Assert.True(after.data<float>()[0] > logProbs[0], $"log π(1) went from {logProbs[0]} to {after.data<float>()[0]}");
        Assert.Equal(4, stats.Minibatches);
    }

    private static Tensor F(double[] values) => tensor(values.Select(v => (float)v).ToArray(), [values.Length]);
}
