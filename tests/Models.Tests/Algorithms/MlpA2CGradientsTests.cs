using A3C.Models.Algorithms;
using static A3C.Models.Tests.Algorithms.TorchSharpMlpReference;

namespace A3C.Models.Tests.Algorithms;

/// <summary>The managed A2C loss and gradient of the actor-critic MLP against TorchSharp's autograd.</summary>
public sealed class MlpA2CGradientsTests
{
    private const double Tolerance = 1e-5;

    private static (MlpA2CTerms Terms, float[] Gradient) Managed(MlpA2CGradients kernel, float[] weights, TransitionBatch<float> batch,
        double valueCoefficient, double entropyBeta)
    {
        var gradient = new float[weights.Length];
        var terms = kernel.Compute(weights, gradient, batch.Count, batch.Observations, batch.Actions, batch.Returns,
            batch.BootstrapObservations, batch.BootstrapDiscounts, valueCoefficient, entropyBeta);
        return (terms, gradient);
    }

    [Theory]
    [InlineData(4, 64, 2, 64, 0, 0.5, 0.01)]
    [InlineData(8, 32, 3, 17, 1, 0.5, 0.01)]
    [InlineData(8, 32, 3, 40, 2, 0.25, 0.2)] // a large β, so the entropy's gradient weighs in
    [InlineData(4, 64, 2, 1, 0, 0.5, 0.01)] // one row, terminated
    [InlineData(4, 64, 2, 1, 1, 0.5, 0.01)] // one row, bootstrapping
    [InlineData(8, 32, 3, 1, 1, 0.5, 0.01)]
    [InlineData(3, 13, 4, 9, 3, 0.5, 0.01)] // hidden units that do not fill whole SIMD vectors
    public void Gradient_and_every_term_equal_autograd(int inputs, int hidden, int actions, int count, int terminalOffset,
        double valueCoefficient, double entropyBeta)
    {
        var weights = RandomWeights(inputs, hidden, actions, seed: 3);
        var batch = RandomBatch(count, inputs, actions, seed: 5, terminalOffset);
        var expected = A2C(weights, inputs, hidden, actions, batch, valueCoefficient, entropyBeta);

        var (terms, gradient) = Managed(new MlpA2CGradients(inputs, hidden, actions), weights, batch, valueCoefficient, entropyBeta);

        Assert.True(expected.Gradient.Count(g => g != 0) > expected.Gradient.Length / 4, "autograd's gradient should be mostly non-zero");
        AssertClose(expected.Gradient, gradient, Tolerance, "gradient");
        AssertClose(expected.Total, terms.Total, Tolerance, "total");
        AssertClose(expected.Policy, terms.Policy, Tolerance, "policy");
        AssertClose(expected.Value, terms.Value, Tolerance, "value");
        AssertClose(expected.Entropy, terms.Entropy, Tolerance, "entropy");
        AssertClose(expected.MeanAdvantage, terms.MeanAdvantage, Tolerance, "mean advantage");
        AssertClose(expected.MeanValue, terms.MeanValue, Tolerance, "mean value");
        AssertClose(expected.MeanTarget, terms.MeanTarget, Tolerance, "mean target");
    }

    [Fact]
    public void The_gradient_is_overwritten_and_one_instance_serves_batches_of_any_size()
    {
        var kernel = new MlpA2CGradients(4, 64, 2);
        var weights = RandomWeights(4, 64, 2, seed: 1);
        var large = RandomBatch(64, 4, 2, seed: 2);
        var small = RandomBatch(3, 4, 2, seed: 3);
        var gradient = Enumerable.Repeat(float.NaN, weights.Length).ToArray();

        kernel.Compute(weights, gradient, small.Count, small.Observations, small.Actions, small.Returns,
            small.BootstrapObservations, small.BootstrapDiscounts, 0.5, 0.01);
        var first = gradient.ToArray();
        kernel.Compute(weights, gradient, large.Count, large.Observations, large.Actions, large.Returns,
            large.BootstrapObservations, large.BootstrapDiscounts, 0.5, 0.01);
        kernel.Compute(weights, gradient, small.Count, small.Observations, small.Actions, small.Returns,
            small.BootstrapObservations, small.BootstrapDiscounts, 0.5, 0.01);

        Assert.All(first, g => Assert.True(float.IsFinite(g)));
        Assert.Equal(first, gradient);
        AssertClose(A2C(weights, 4, 64, 2, small, 0.5, 0.01).Gradient, gradient, Tolerance, "gradient");
    }

    [Fact]
    public void A_call_allocates_nothing_once_warm()
    {
        var kernel = new MlpA2CGradients(4, 64, 2);
        var weights = RandomWeights(4, 64, 2, seed: 1);
        var batch = RandomBatch(64, 4, 2, seed: 2);
        var gradient = new float[weights.Length];
        void Call() => kernel.Compute(weights, gradient, batch.Count, batch.Observations, batch.Actions, batch.Returns,
            batch.BootstrapObservations, batch.BootstrapDiscounts, 0.5, 0.01);
        Call();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++) Call();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Rows_beyond_the_batch_are_not_read()
    {
        var kernel = new MlpA2CGradients(4, 16, 2);
        var weights = RandomWeights(4, 16, 2, seed: 1);
        var batch = RandomBatch(6, 4, 2, seed: 2);
        var (expectedTerms, expected) = Managed(kernel, weights, batch, 0.5, 0.01);
        // Longer buffers, as a pooled batch holds, with poison past the batch's rows.
        float[] Poisoned(float[] values, int extra) => [.. values, .. Enumerable.Repeat(float.NaN, extra)];
        var padded = new TransitionBatch<float>(6, 4, Poisoned(batch.Observations, 8), [.. batch.Actions, 7, 7],
            Poisoned(batch.Returns, 2), Poisoned(batch.BootstrapObservations, 8), Poisoned(batch.BootstrapDiscounts, 2));

        var (terms, gradient) = Managed(kernel, weights, padded, 0.5, 0.01);

        Assert.Equal(expected, gradient);
        Assert.Equal(expectedTerms, terms);
    }

    [Fact]
    public void A_terminated_rows_bootstrap_observation_is_not_read()
    {
        var weights = RandomWeights(4, 16, 2, seed: 1);
        var batch = RandomBatch(8, 4, 2, seed: 2); // rows 0 and 4 terminated
        var poisoned = batch with { BootstrapObservations = batch.BootstrapObservations.ToArray() };
        poisoned.BootstrapObservations.AsSpan(0, 4).Fill(float.NaN);
        poisoned.BootstrapObservations.AsSpan(16, 4).Fill(float.PositiveInfinity);

        var (terms, gradient) = Managed(new MlpA2CGradients(4, 16, 2), weights, poisoned, 0.5, 0.01);

        AssertClose(A2C(weights, 4, 16, 2, batch, 0.5, 0.01).Gradient, gradient, Tolerance, "gradient");
        Assert.True(double.IsFinite(terms.Total));
    }

    [Fact]
    public void The_gradient_may_overwrite_the_weights_it_is_computed_from()
    {
        var kernel = new MlpA2CGradients(8, 32, 3);
        var weights = RandomWeights(8, 32, 3, seed: 4);
        var batch = RandomBatch(16, 8, 3, seed: 5);
        var (_, expected) = Managed(kernel, weights, batch, 0.5, 0.01);

        kernel.Compute(weights, weights, batch.Count, batch.Observations, batch.Actions, batch.Returns,
            batch.BootstrapObservations, batch.BootstrapDiscounts, 0.5, 0.01);

        Assert.Equal(expected, weights);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void An_action_outside_the_policy_is_refused_naming_it_and_its_row(int action)
    {
        var kernel = new MlpA2CGradients(4, 8, 2);
        var batch = RandomBatch(4, 4, 2, seed: 2);
        batch.Actions[3] = action;
        var gradient = new float[kernel.WeightCount];

        var error = Assert.Throws<ArgumentException>(() => kernel.Compute(RandomWeights(4, 8, 2, seed: 1), gradient, batch.Count,
            batch.Observations, batch.Actions, batch.Returns, batch.BootstrapObservations, batch.BootstrapDiscounts, 0.5, 0.01));

        Assert.Contains($"action {action} in row 3", error.Message);
        Assert.Contains("2 actions", error.Message);
        Assert.All(gradient, g => Assert.Equal(0f, g));
    }

    [Theory]
    [InlineData("weights")]
    [InlineData("gradient")]
    public void Weights_or_gradient_of_another_network_are_refused_with_both_sizes(string which)
    {
        var kernel = new MlpA2CGradients(4, 8, 2);
        var batch = RandomBatch(2, 4, 2, seed: 1);
        var right = new float[kernel.WeightCount];
        var wrong = new float[kernel.WeightCount + 1];

        var error = Assert.Throws<ArgumentException>(() => kernel.Compute(which == "weights" ? wrong : right,
            which == "gradient" ? wrong : right, batch.Count, batch.Observations, batch.Actions, batch.Returns,
            batch.BootstrapObservations, batch.BootstrapDiscounts, 0.5, 0.01));

        Assert.Equal(which, error.ParamName);
        Assert.Contains($"4-8-2 actor-critic MLP has {kernel.WeightCount} weights", error.Message);
        Assert.Contains($"{which} holds {kernel.WeightCount + 1}", error.Message);
    }

    [Theory]
    [InlineData("observations", 19, 20)]
    [InlineData("actions", 4, 5)]
    [InlineData("returns", 4, 5)]
    [InlineData("bootstrapObservations", 19, 20)]
    [InlineData("bootstrapDiscounts", 4, 5)]
    public void A_row_span_shorter_than_the_batch_is_refused_naming_it(string name, int length, int needed)
    {
        var kernel = new MlpA2CGradients(4, 8, 2);
        var batch = RandomBatch(5, 4, 2, seed: 1);
        T[] Cut<T>(string span, T[] values) => span == name ? values[..length] : values;

        var error = Assert.Throws<ArgumentException>(() => kernel.Compute(new float[kernel.WeightCount], new float[kernel.WeightCount],
            5, Cut("observations", batch.Observations), Cut("actions", batch.Actions), Cut("returns", batch.Returns),
            Cut("bootstrapObservations", batch.BootstrapObservations), Cut("bootstrapDiscounts", batch.BootstrapDiscounts), 0.5, 0.01));

        Assert.Equal(name, error.ParamName);
        Assert.Contains($"{name} holds {length} values, a batch of 5 rows needs {needed}", error.Message);
    }

    [Fact]
    public void An_empty_batch_or_network_is_refused()
    {
        var kernel = new MlpA2CGradients(4, 8, 2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Compute(new float[kernel.WeightCount],
            new float[kernel.WeightCount], 0, [], [], [], [], [], 0.5, 0.01));
        Assert.Contains("empty", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpA2CGradients(4, 0, 2));
    }
}
