using A3C.Models.Algorithms;
using static A3C.Models.Tests.Algorithms.TorchSharpMlpReference;

namespace A3C.Models.Tests.Algorithms;

/// <summary>The managed sampler's forward pass against the TorchSharp reference of the same weights.</summary>
public sealed class MlpPolicySamplerReferenceTests
{
    [Theory]
    [InlineData(4, 64, 2)]
    [InlineData(8, 32, 3)]
    [InlineData(3, 13, 4)]
    public void Logits_equal_the_TorchSharp_forward_pass(int inputs, int hidden, int actions)
    {
        var weights = RandomWeights(inputs, hidden, actions, seed: 4);
        var sampler = new MlpPolicySampler(inputs, actions, hidden, seed: 11);
        sampler.Load(weights);
        var random = new Random(1);
        const int rows = 16;
        var observations = Enumerable.Range(0, rows * inputs).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        var expected = Logits(weights, inputs, hidden, actions, observations, rows);

        var logits = new float[actions];
        for (var row = 0; row < rows; row++)
        {
            sampler.Logits<float>(observations.AsSpan(row * inputs, inputs), logits);
            AssertClose(expected.AsSpan(row * actions, actions), logits, 1e-5, $"row {row}");
        }
    }
}
