using A3C.LibTorch;
using A3C.LibTorch.Fused;
using A3C.LibTorch.Nn;
using A3C.LibTorch.Optim;
using A3C.Models.Algorithms;

namespace A3C.Models.Tests.Algorithms;

/// <summary>The fused MLP loss and update against the op-by-op libtorch path they replace.</summary>
public sealed class FusedMlpA2CTests
{
    private static readonly A2CHyperparameters Hyper = new() { EntropyBeta = 0.01, ValueCoefficient = 0.5, Gamma = 0.99 };

    private static MlpActorCritic Net(int inputs, int actions, int hidden, ulong seed)
    {
        Torch.ManualSeed(seed);
        return new MlpActorCritic(inputs, actions, hidden);
    }

    /// <summary>A batch with terminations (no bootstrap) and truncations mixed in, as the builder emits.</summary>
    private static TransitionBatch<float> Batch(int count, int inputs, int actions, int seed)
    {
        var random = new Random(seed);
        float Next() => (float)(random.NextDouble() * 4 - 2);
        var observations = Enumerable.Range(0, count * inputs).Select(_ => Next()).ToArray();
        var bootstrap = Enumerable.Range(0, count * inputs).Select(_ => Next()).ToArray();
        var discounts = Enumerable.Range(0, count).Select(i => i % 5 == 0 ? 0f : (float)Math.Pow(0.99, 1 + i % 4)).ToArray();
        return new TransitionBatch<float>(count, inputs, observations, Enumerable.Range(0, count).Select(_ => random.Next(actions)).ToArray(),
            Enumerable.Range(0, count).Select(_ => Next() * 3).ToArray(), bootstrap, discounts);
    }

    private static (A2CLoss.Terms Terms, float[] Gradients) OpByOp(MlpActorCritic net, TransitionBatch<float> batch, int inputs)
    {
        net.ZeroGrad();
        var terms = A2CLoss.Compute(net, batch, [inputs], Hyper, Device.Cpu);
        terms.Total.Backward();
        var gradients = new float[net.ParameterCount];
        Gradients.CopyTo(net.Parameters(), gradients);
        return (terms, gradients);
    }

    [Theory]
    [InlineData(4, 2, 64, 64)]
    [InlineData(6, 3, 32, 17)]
    [InlineData(2, 5, 8, 1)]
    public void Fused_gradients_and_statistics_equal_the_op_by_op_path(int inputs, int actions, int hidden, int count)
    {
        using var scope = Torch.NewDisposeScope();
        using var net = Net(inputs, actions, hidden, seed: 3);
        var batch = Batch(count, inputs, actions, seed: 5);
        var (terms, expected) = OpByOp(net, batch, inputs);

        var fused = A2CUpdate.ComputeGradients(net, batch, [inputs], Hyper, Device.Cpu);
        var actual = new float[net.ParameterCount];
        Gradients.CopyTo(net.Parameters(), actual);

        Assert.True(expected.Any(g => g != 0), "the op-by-op gradient should not be all zeros");
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5);
        Assert.Equal(terms.Total.ToDouble(), fused.Loss, 1e-5);
        Assert.Equal(terms.Policy.ToDouble(), fused.PolicyLoss, 1e-5);
        Assert.Equal(terms.Value.ToDouble(), fused.ValueLoss, 1e-5);
        Assert.Equal(terms.Entropy.ToDouble(), fused.Entropy, 1e-5);
        Assert.Equal(terms.Advantage.Mean().ToDouble(), fused.Advantage, 1e-5);
        Assert.Equal(terms.Values.Mean().ToDouble(), fused.Values, 1e-5);
        Assert.Equal(terms.Targets.Mean().ToDouble(), fused.BatchReturns, 1e-5);
        Assert.Equal(count, fused.BatchSize);
    }

    [Fact]
    public void Fused_gradients_replace_what_the_parameters_held()
    {
        using var scope = Torch.NewDisposeScope();
        using var net = Net(4, 2, 16, seed: 1);
        var batch = Batch(8, 4, 2, seed: 2);
        A2CUpdate.ComputeGradients(net, batch, [4], Hyper, Device.Cpu);
        var once = new float[net.ParameterCount];
        Gradients.CopyTo(net.Parameters(), once);

        A2CUpdate.ComputeGradients(net, batch, [4], Hyper, Device.Cpu);
        var twice = new float[net.ParameterCount];
        Gradients.CopyTo(net.Parameters(), twice);
        Assert.Equal(once, twice);
    }

    [Fact]
    public void A_gradient_someone_kept_is_not_overwritten_by_the_next_batch()
    {
        using var scope = Torch.NewDisposeScope();
        using var net = Net(4, 2, 16, seed: 1);
        A2CUpdate.ComputeGradients(net, Batch(8, 4, 2, seed: 2), [4], Hyper, Device.Cpu);
        var kept = net.Parameters()[2].Grad!;
        var before = kept.ToArray<float>();

        A2CUpdate.ComputeGradients(net, Batch(8, 4, 2, seed: 3), [4], Hyper, Device.Cpu);
        Assert.Equal(before, kept.ToArray<float>());
        Assert.NotEqual(before, net.Parameters()[2].Grad!.ToArray<float>());
    }

    [Fact]
    public void An_action_outside_the_policy_is_an_error_that_names_the_row()
    {
        using var scope = Torch.NewDisposeScope();
        using var net = Net(4, 2, 8, seed: 1);
        var batch = Batch(4, 4, 2, seed: 2);
        batch.Actions[3] = 2;
        var error = Assert.Throws<TorchException>(() => A2CUpdate.ComputeGradients(net, batch, [4], Hyper, Device.Cpu));
        Assert.Contains("action 2 in row 3", error.Message);
    }

    [Fact]
    public void Parameters_of_another_shape_are_refused()
    {
        using var scope = Torch.NewDisposeScope();
        using var body = new Linear(4, 8);
        using var policy = new Linear(8, 2);
        using var value = new Linear(4, 1); // should take the 8 hidden units
        Tensor[] parameters = [.. body.Parameters(), .. policy.Parameters(), .. value.Parameters()];
        var batch = Batch(2, 4, 2, seed: 1);
        var error = Assert.Throws<TorchException>(() => MlpA2C.Backward(parameters, batch.Count, batch.Observations, batch.Actions,
            batch.Returns, batch.BootstrapObservations, batch.BootstrapDiscounts, 0.5, 0.01));
        Assert.Contains("parameter 4", error.Message);

        Assert.Throws<ArgumentException>(() => MlpA2C.Backward(body.Parameters(), 2, batch.Observations, batch.Actions,
            batch.Returns, batch.BootstrapObservations, batch.BootstrapDiscounts, 0.5, 0.01));
        Assert.Throws<ArgumentException>(() => MlpA2C.Backward(parameters, 3, batch.Observations, batch.Actions,
            batch.Returns, batch.BootstrapObservations, batch.BootstrapDiscounts, 0.5, 0.01));
    }

    [Fact]
    public void Clip_and_step_in_one_call_equals_clipping_then_stepping()
    {
        using var scope = Torch.NewDisposeScope();
        using var fusedNet = Net(4, 2, 16, seed: 7);
        using var separateNet = Net(4, 2, 16, seed: 7);
        using var fused = new Adam(fusedNet.Parameters(), lr: 0.003, eps: 1e-5);
        using var separate = new Adam(separateNet.Parameters(), lr: 0.003, eps: 1e-5);
        for (var step = 0; step < 5; step++)
        {
            var batch = Batch(16, 4, 2, seed: step);
            A2CUpdate.ComputeGradients(fusedNet, batch, [4], Hyper, Device.Cpu);
            A2CUpdate.ComputeGradients(separateNet, batch, [4], Hyper, Device.Cpu);
            // A clip of 0.05 is below every norm here, so the clipping path is exercised too.
            var fusedNorm = fused.ClipGradNormAndStep(0.05);
            var separateNorm = Gradients.ClipNorm(separateNet.Parameters(), 0.05);
            separate.Step();
            Assert.NotNull(fusedNorm);
            Assert.True(separateNorm > 0.05, $"norm {separateNorm} should be above the clip");
            Assert.Equal(separateNorm, fusedNorm.Value, 1e-5);
        }
        var a = FlatParameters.Export(fusedNet.Parameters());
        var b = FlatParameters.Export(separateNet.Parameters());
        for (var i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-6);
        var stateA = State(fused);
        var stateB = State(separate);
        Assert.Equal(stateB.Length, stateA.Length);
        for (var k = 0; k < stateA.Length; k++)
        for (var i = 0; i < stateA[k].Length; i++)
            Assert.Equal(stateB[k][i], stateA[k][i], 1e-6);
    }

    private static double[][] State(Optimizer optimizer) =>
        [.. optimizer.GetState().Select(t => t.To(ScalarType.Float64).ToArray<double>())];

    [Fact]
    public void Adam_over_float32_parameters_follows_the_hand_computed_rule_step_after_step()
    {
        // Float32 CPU parameters take the element loop; check it against Adam's rule in double,
        // with the gradient 2p of the loss p^2, for three steps.
        using var scope = Torch.NewDisposeScope();
        var p = Torch.FromArray(new[] { 1f, -2f, 0.5f }, 3).DetachFromDisposeScope();
        p.RequiresGrad = true;
        using var adam = new Adam([p], lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-3);
        double[] expected = [1, -2, 0.5], m = new double[3], v = new double[3];
        for (var step = 1; step <= 3; step++)
        {
            using (var stepScope = Torch.NewDisposeScope())
            {
                adam.ZeroGrad();
                p.Square().Sum().Backward();
            }
            Assert.NotNull(adam.ClipGradNormAndStep(maxNorm: 1e9));
            for (var i = 0; i < 3; i++)
            {
                var g = 2 * expected[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                var denominator = Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999, step)) + 1e-3;
                expected[i] -= 0.1 / (1 - Math.Pow(0.9, step)) * m[i] / denominator;
            }
            var actual = p.ToArray<float>();
            for (var i = 0; i < 3; i++) Assert.Equal(expected[i], actual[i], 1e-5);
        }
        p.Dispose();
    }

    [Fact]
    public void A_non_finite_gradient_leaves_weights_and_optimizer_state_untouched()
    {
        using var scope = Torch.NewDisposeScope();
        using var net = Net(4, 2, 8, seed: 7);
        using var adam = new Adam(net.Parameters(), lr: 0.003);
        A2CUpdate.ComputeGradients(net, Batch(8, 4, 2, seed: 1), [4], Hyper, Device.Cpu);
        Assert.NotNull(A2CUpdate.ApplyGradients(adam, 0.5));
        var weights = FlatParameters.Export(net.Parameters());
        var state = State(adam);

        var poisoned = new float[weights.Length];
        poisoned[weights.Length - 1] = float.PositiveInfinity;
        Gradients.CopyFrom(net.Parameters(), poisoned);
        Assert.Null(adam.ClipGradNormAndStep(0.5));

        Assert.Equal(weights, FlatParameters.Export(net.Parameters()));
        Assert.Equal(state, State(adam));
    }
}
