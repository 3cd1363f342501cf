using A3C.Models.Algorithms;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace A3C.Models.Tests.Algorithms;

/// <summary>
/// The actor-critic MLP and its A2C loss built from raw TorchSharp tensors and differentiated by
/// autograd, independently of any network class: the reference the managed kernels are held to.
/// Weights are flat in the network's order: body weight [H, I], body bias [H], policy weight
/// [A, H], policy bias [A], value weight [1, H], value bias [1].
/// </summary>
internal static class TorchSharpMlpReference
{
    public sealed record Loss(double Total, double Policy, double Value, double Entropy, double MeanAdvantage,
        double MeanValue, double MeanTarget, float[] Gradient);

    public static long[][] Shapes(int inputs, int hidden, int actions) =>
        [[hidden, inputs], [hidden], [actions, hidden], [actions], [1, hidden], [1]];

    public static int WeightCount(int inputs, int hidden, int actions) =>
        Shapes(inputs, hidden, actions).Sum(shape => (int)shape.Aggregate(1L, (a, b) => a * b));

    /// <summary>Weights drawn as nn.Linear draws them, U(±1/√fan_in), from a seed.</summary>
    public static float[] RandomWeights(int inputs, int hidden, int actions, int seed)
    {
        var random = new Random(seed);
        int[] fanIns = [inputs, inputs, hidden, hidden, hidden, hidden];
        var shapes = Shapes(inputs, hidden, actions);
        var weights = new List<float>();
        for (var layer = 0; layer < shapes.Length; layer++)
        {
            var bound = 1 / Math.Sqrt(fanIns[layer]);
            var count = (int)shapes[layer].Aggregate(1L, (a, b) => a * b);
            for (var k = 0; k < count; k++) weights.Add((float)((random.NextDouble() * 2 - 1) * bound));
        }
        return [.. weights];
    }

    /// <summary>
    /// A batch with terminated rows (discount 0) where (row + terminalOffset) % 4 == 0 and
    /// bootstrapping ones with γ^k for k = 1..4 elsewhere.
    /// </summary>
    public static TransitionBatch<float> RandomBatch(int count, int inputs, int actions, int seed, int terminalOffset = 0)
    {
        var random = new Random(seed);
        float Next() => (float)(random.NextDouble() * 4 - 2);
        return new TransitionBatch<float>(count, inputs,
            [.. Enumerable.Range(0, count * inputs).Select(_ => Next())],
            [.. Enumerable.Range(0, count).Select(_ => random.Next(actions))],
            [.. Enumerable.Range(0, count).Select(_ => Next() * 3)],
            [.. Enumerable.Range(0, count * inputs).Select(_ => Next())],
            [.. Enumerable.Range(0, count).Select(i => (i + terminalOffset) % 4 == 0 ? 0f : (float)Math.Pow(0.99, 1 + i % 4))]);
    }

    /// <summary>The weights as leaf tensors that require gradients, in order.</summary>
    public static Tensor[] Leaves(float[] weights, int inputs, int hidden, int actions)
    {
        var leaves = new List<Tensor>();
        var at = 0;
        foreach (var shape in Shapes(inputs, hidden, actions))
        {
            var count = (int)shape.Aggregate(1L, (a, b) => a * b);
            leaves.Add(torch.tensor(weights[at..(at + count)], shape).requires_grad_());
            at += count;
        }
        return [.. leaves];
    }

    private static Tensor Hidden(Tensor[] p, Tensor x) => F.relu(F.linear(x, p[0], p[1]));

    /// <summary>The policy's logits for <paramref name="rows"/> observations, [rows, actions] flat.</summary>
    public static float[] Logits(float[] weights, int inputs, int hidden, int actions, float[] observations, int rows)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var p = Leaves(weights, inputs, hidden, actions);
        return F.linear(Hidden(p, torch.tensor(observations, [rows, inputs])), p[2], p[3]).data<float>().ToArray();
    }

    /// <summary>The A2C loss, its terms and autograd's gradient of the total, flat.</summary>
    public static Loss A2C(float[] weights, int inputs, int hidden, int actions, TransitionBatch<float> batch,
        double valueCoefficient, double entropyBeta)
    {
        using var scope = torch.NewDisposeScope();
        var p = Leaves(weights, inputs, hidden, actions);
        var rows = batch.Count;
        var h = Hidden(p, torch.tensor(batch.Observations[..(rows * inputs)], [rows, inputs]));
        var logits = F.linear(h, p[2], p[3]);
        var value = F.linear(h, p[4], p[5]).squeeze(1);
        Tensor target;
        using (torch.no_grad())
        {
            var bootstrap = F.linear(Hidden(p, torch.tensor(batch.BootstrapObservations[..(rows * inputs)], [rows, inputs])), p[4], p[5]).squeeze(1);
            target = torch.tensor(batch.Returns[..rows]) + torch.tensor(batch.BootstrapDiscounts[..rows]) * bootstrap;
        }
        var advantage = target - value;
        var logProbabilities = F.log_softmax(logits, 1);
        var actionTensor = torch.tensor(batch.Actions[..rows].Select(a => (long)a).ToArray(), [rows, 1]);
        var chosen = logProbabilities.gather(1, actionTensor).squeeze(1);
        var policy = -(advantage.detach() * chosen).mean();
        var valueLoss = (target - value).pow(2).mean();
        var entropy = (-(logProbabilities.exp() * logProbabilities).sum(1)).mean();
        var total = policy + valueCoefficient * valueLoss - entropyBeta * entropy;
        total.backward();
        var gradient = p.SelectMany(leaf => leaf.grad!.data<float>().ToArray()).ToArray();
        return new Loss(total.item<float>(), policy.item<float>(), valueLoss.item<float>(), entropy.item<float>(),
            advantage.mean().item<float>(), value.mean().item<float>(), target.mean().item<float>(), gradient);
    }

    /// <summary>|actual − expected| ≤ tolerance · max(1, |expected|): absolute near 0, relative beyond.</summary>
    public static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R} (difference {actual - expected:E3})");
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) AssertClose(expected[i], actual[i], tolerance, $"{what}[{i}]");
    }
}
