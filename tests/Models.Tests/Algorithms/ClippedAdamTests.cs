using A3C.Models.Algorithms;
using TorchSharp;
using TorchSharp.Modules;
using static A3C.Models.Tests.Algorithms.TorchSharpMlpReference;
using static TorchSharp.torch;

namespace A3C.Models.Tests.Algorithms;

/// <summary>The managed clip-and-Adam step against clip_grad_norm_ and TorchSharp's own Adam.step().</summary>
public sealed class ClippedAdamTests
{
    private const int Inputs = 4, Hidden = 64, Actions = 2;

    private static Parameter[] Parameters(float[] weights) =>
        [.. Leaves(weights, Inputs, Hidden, Actions).Select(leaf => new Parameter(leaf.detach(), requires_grad: true))];

    private static Adam NewAdam(Parameter[] parameters) => torch.optim.Adam(parameters, lr: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-5);

    /// <summary>A gradient of about the given L2 norm, different at every step.</summary>
    private static float[] RandomGradient(int length, int seed, double norm)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var scale = norm / Math.Sqrt(values.Sum(v => v * v));
        return [.. values.Select(v => (float)(v * scale))];
    }

    private static float[] Flat(IEnumerable<Tensor> tensors) => [.. tensors.SelectMany(t => t.data<float>().ToArray())];

    private static Adam.State[] States(Adam adam) => [.. adam.state_dict().State.Cast<Adam.State>()];

    /// <summary>clip_grad_norm_ then Adam.step(), as a training loop over TorchSharp would run them.</summary>
    private static double ReferenceStep(Parameter[] parameters, Adam adam, float[] gradient, double maxNorm)
    {
        var at = 0;
        foreach (var parameter in parameters)
        {
            var count = (int)parameter.numel();
            parameter.grad = torch.tensor(gradient[at..(at + count)], parameter.shape);
            at += count;
        }
        var norm = torch.nn.utils.clip_grad_norm_(parameters, maxNorm);
        adam.step();
        return norm;
    }

    private static void AssertSameState(Parameter[] expectedParameters, Adam expected, Parameter[] actualParameters, Adam actual)
    {
        AssertClose(Flat(expectedParameters), Flat(actualParameters), 1e-5, "parameters");
        var (expectedStates, actualStates) = (States(expected), States(actual));
        Assert.Equal(expectedStates.Select(s => s.step), actualStates.Select(s => s.step));
        AssertClose(Flat(expectedStates.Select(s => s.exp_avg)), Flat(actualStates.Select(s => s.exp_avg)), 1e-5, "exp_avg");
        AssertClose(Flat(expectedStates.Select(s => s.exp_avg_sq)), Flat(actualStates.Select(s => s.exp_avg_sq)), 1e-5, "exp_avg_sq");
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(1000.0, false)]
    public void Five_steps_equal_clip_grad_norm_and_Adam_step_in_parameters_and_state(double maxNorm, bool clips)
    {
        using var scope = torch.NewDisposeScope();
        var weights = RandomWeights(Inputs, Hidden, Actions, seed: 7);
        var (managed, reference) = (Parameters(weights), Parameters(weights));
        using var managedAdam = NewAdam(managed);
        using var referenceAdam = NewAdam(reference);
        var step = new ClippedAdam(managedAdam);

        for (var t = 1; t <= 5; t++)
        {
            var gradient = RandomGradient(weights.Length, seed: t, norm: 0.5 * t);
            var expectedNorm = ReferenceStep(reference, referenceAdam, gradient.ToArray(), maxNorm);
            var norm = step.Step(gradient, maxNorm);

            Assert.NotNull(norm);
            AssertClose(expectedNorm, norm.Value, 1e-5, $"norm at step {t}");
            Assert.Equal(clips, norm > maxNorm);
            AssertSameState(reference, referenceAdam, managed, managedAdam);
            Assert.All(States(managedAdam), s => Assert.Equal(t, s.step));
        }
        Assert.NotEqual(weights, Flat(managed));
    }

    [Fact]
    public void Steps_follow_the_hand_computed_Adam_rule()
    {
        // Adam's rule in double, with the gradient 2p of the loss p², for three steps.
        using var scope = torch.NewDisposeScope();
        var p = new Parameter(torch.tensor(new[] { 1f, -2f, 0.5f }));
        using var adam = torch.optim.Adam([p], lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-3);
        var step = new ClippedAdam(adam);
        double[] expected = [1, -2, 0.5], m = new double[3], v = new double[3];
        for (var t = 1; t <= 3; t++)
        {
            var gradient = p.data<float>().ToArray().Select(x => 2 * x).ToArray();
            Assert.NotNull(step.Step(gradient, maxNorm: 1e9));
            for (var i = 0; i < 3; i++)
            {
                var g = 2 * expected[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                var denominator = Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999, t)) + 1e-3;
                expected[i] -= 0.1 / (1 - Math.Pow(0.9, t)) * m[i] / denominator;
            }
            var actual = p.data<float>().ToArray();
            for (var i = 0; i < 3; i++) AssertClose(expected[i], actual[i], 1e-5, $"p[{i}] after step {t}");
        }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_non_finite_gradient_is_skipped_leaving_parameters_and_state_bit_identical(float poison)
    {
        using var scope = torch.NewDisposeScope();
        var weights = RandomWeights(Inputs, Hidden, Actions, seed: 7);
        var parameters = Parameters(weights);
        using var adam = NewAdam(parameters);
        var step = new ClippedAdam(adam);
        Assert.NotNull(step.Step(RandomGradient(weights.Length, seed: 1, norm: 2), maxNorm: 0.5));
        byte[] Bytes() => [.. parameters.SelectMany(t => t.bytes.ToArray()),
            .. States(adam).SelectMany(s => s.exp_avg.bytes.ToArray().Concat(s.exp_avg_sq.bytes.ToArray()))];
        var before = Bytes();

        var gradient = RandomGradient(weights.Length, seed: 2, norm: 2);
        gradient[weights.Length - 1] = poison;
        Assert.Null(step.Step(gradient, maxNorm: 0.5));

        Assert.Equal(before, Bytes());
        Assert.All(States(adam), s => Assert.Equal(1, s.step));
    }

    [Fact]
    public void A_step_allocates_nothing_once_warm()
    {
        using var scope = torch.NewDisposeScope();
        var weights = RandomWeights(Inputs, Hidden, Actions, seed: 7);
        using var adam = NewAdam(Parameters(weights));
        var step = new ClippedAdam(adam);
        var gradient = RandomGradient(weights.Length, seed: 1, norm: 2);
        step.Step(gradient, maxNorm: 0.5);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++) step.Step(gradient, maxNorm: 0.5);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void State_saved_and_loaded_by_TorchSharp_carries_the_managed_steps_on()
    {
        using var scope = torch.NewDisposeScope();
        var weights = RandomWeights(Inputs, Hidden, Actions, seed: 7);
        var parameters = Parameters(weights);
        using var adam = NewAdam(parameters);
        var step = new ClippedAdam(adam);
        for (var t = 1; t <= 3; t++) step.Step(RandomGradient(weights.Length, seed: t, norm: 1), maxNorm: 0.5);
        var path = Path.GetTempFileName();
        try
        {
            adam.save_state_dict(path);
            var restored = Parameters(Flat(parameters));
            using var restoredAdam = NewAdam(restored);
            var restoredStep = new ClippedAdam(restoredAdam); // built before the load replaces the state's tensors
            restoredAdam.load_state_dict(path);
            AssertSameState(parameters, adam, restored, restoredAdam);

            for (var t = 4; t <= 5; t++)
            {
                var gradient = RandomGradient(weights.Length, seed: t, norm: 1);
                step.Step(gradient, maxNorm: 0.5);
                restoredStep.Step(gradient, maxNorm: 0.5);
            }
            AssertSameState(parameters, adam, restored, restoredAdam);
            Assert.All(States(restoredAdam), s => Assert.Equal(5, s.step));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_gradient_of_another_length_is_refused_with_both_sizes()
    {
        using var scope = torch.NewDisposeScope();
        var parameters = Parameters(RandomWeights(Inputs, Hidden, Actions, seed: 1));
        using var adam = NewAdam(parameters);
        var step = new ClippedAdam(adam);

        var error = Assert.Throws<ArgumentException>(() => step.Step(new float[10], 0.5));

        Assert.Contains($"hold {step.GradientLength} values, the gradient 10", error.Message);
        Assert.All(States(adam), s => Assert.Equal(0, s.step));
    }

    [Theory]
    [InlineData("weight_decay")]
    [InlineData("amsgrad")]
    [InlineData("maximize")]
    public void Adam_variants_are_refused_by_name(string variant)
    {
        using var scope = torch.NewDisposeScope();
        var parameters = Parameters(RandomWeights(Inputs, Hidden, Actions, seed: 1));
        using var adam = torch.optim.Adam(parameters, weight_decay: variant == "weight_decay" ? 0.1 : 0,
            amsgrad: variant == "amsgrad", maximize: variant == "maximize");

        var error = Assert.Throws<NotSupportedException>(() => new ClippedAdam(adam));

        Assert.Contains(variant, error.Message);
    }

    [Fact]
    public void A_variant_switched_on_after_construction_is_refused_before_any_change()
    {
        using var scope = torch.NewDisposeScope();
        var parameters = Parameters(RandomWeights(Inputs, Hidden, Actions, seed: 1));
        using var adam = NewAdam(parameters);
        var step = new ClippedAdam(adam);
        ((Adam.Options)adam.state_dict().Options[0]).amsgrad = true;

        var error = Assert.Throws<NotSupportedException>(() => step.Step(new float[step.GradientLength], 0.5));

        Assert.Contains("amsgrad", error.Message);
        Assert.All(States(adam), s => Assert.Equal(0, s.step));
    }

    [Fact]
    public void Parameters_that_are_not_float32_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        using var adam = torch.optim.Adam([new Parameter(torch.zeros(3, dtype: ScalarType.Float64))]);

        var error = Assert.Throws<ArgumentException>(() => new ClippedAdam(adam));

        Assert.Contains("parameter 0 is Float64", error.Message);
    }
}
