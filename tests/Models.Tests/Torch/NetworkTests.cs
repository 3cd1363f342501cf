using A3C.LibTorch;
using A3C.LibTorch.Nn;
using A3C.LibTorch.Optim;
using A3C.LibTorch.Serialization;

namespace A3C.Models.Tests.LibTorch;

public sealed class NetworkTests
{
    private static Sequential Mlp(ulong seed)
    {
        Torch.ManualSeed(seed);
        return new Sequential(new Linear(2, 16), new Tanh(), new Linear(16, 1));
    }

    private static (Tensor Inputs, Tensor Targets) Xor() =>
        (Torch.FromArray(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2), Torch.FromArray(new float[] { 0, 1, 1, 0 }, 4, 1));

    private static double TrainStep(Module net, Optimizer optimizer, Tensor inputs, Tensor targets)
    {
        using var scope = Torch.NewDisposeScope();
        optimizer.ZeroGrad();
        var loss = Functional.MseLoss(net.Forward(inputs), targets);
        loss.Backward();
        optimizer.Step();
        return loss.ToDouble();
    }

    [Fact]
    public void Small_network_learns_xor_with_adam()
    {
        using var scope = Torch.NewDisposeScope();
        using var net = Mlp(1);
        using var adam = new Adam(net.Parameters(), lr: 0.05);
        var (inputs, targets) = Xor();
        var loss = double.NaN;
        for (var epoch = 0; epoch < 500; epoch++) loss = TrainStep(net, adam, inputs, targets);
        Assert.True(loss < 0.01, $"XOR loss after 500 Adam steps: {loss}");
    }

    [Fact]
    public void Named_parameters_follow_pytorch_state_dict_names()
    {
        using var net = Mlp(1);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], net.NamedParameters().Select(p => p.Key));
        Assert.Equal(2 * 16 + 16 + 16 + 1, net.ParameterCount);
        Assert.All(net.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void Adam_step_matches_the_hand_computed_update()
    {
        // One parameter p = 1 with loss p^2 (gradient 2). First Adam step: m = 0.1 * 2, v = 0.001 * 4,
        // m_hat = 2, v_hat = 4, update = lr * 2 / (2 + eps).
        using var scope = Torch.NewDisposeScope();
        var p = Torch.Ones([1], ScalarType.Float64).DetachFromDisposeScope();
        p.RequiresGrad = true;
        using var adam = new Adam([p], lr: 0.1, eps: 1e-3);
        p.Square().Sum().Backward();
        adam.Step();
        Assert.Equal(1 - 0.1 * 2 / (2 + 1e-3), p.ToDouble(), 12);
        p.Dispose();
    }

    [Fact]
    public void RmsProp_and_sgd_steps_match_the_hand_computed_updates()
    {
        using var scope = Torch.NewDisposeScope();
        var p = Torch.Ones([1], ScalarType.Float64);
        p.RequiresGrad = true;
        using (var rms = new RmsProp([p], lr: 0.01, alpha: 0.99, eps: 1e-5))
        {
            p.Square().Sum().Backward(); // gradient 2: square_avg = 0.01 * 4 = 0.04
            rms.Step();
        }
        Assert.Equal(1 - 0.01 * 2 / (Math.Sqrt(0.04) + 1e-5), p.ToDouble(), 12);

        var q = Torch.Ones([1], ScalarType.Float64);
        q.RequiresGrad = true;
        using var sgd = new Sgd([q], lr: 0.1, momentum: 0.9);
        for (var i = 0; i < 2; i++)
        {
            sgd.ZeroGrad();
            (q * 3).Sum().Backward(); // gradient 3: buffer 3, then 0.9 * 3 + 3
            sgd.Step();
        }
        Assert.Equal(1 - 0.1 * 3 - 0.1 * 5.7, q.ToDouble(), 12);
    }

    [Fact]
    public void Gradient_clipping_scales_to_the_bound_and_reports_the_norm()
    {
        using var scope = Torch.NewDisposeScope();
        var a = Torch.Zeros(2);
        var b = Torch.Zeros(1);
        a.RequiresGrad = b.RequiresGrad = true;
        ((a * Torch.FromArray(new float[] { 3, 0 }, 2)).Sum() + (b * 4).Sum()).Backward(); // grads (3,0) and (4): norm 5
        var norm = Gradients.ClipNorm([a, b], 1.0);
        Assert.Equal(5, norm, 5);
        Assert.Equal(0.6f, a.Grad!.ToArray<float>()[0], 4);
        Assert.Equal(0.8f, b.Grad!.ToArray<float>()[0], 4);
    }

    [Fact]
    public void Flat_buffers_carry_weights_and_gradients_between_networks()
    {
        using var scope = Torch.NewDisposeScope();
        using var source = Mlp(1);
        using var target = Mlp(2);
        var snapshot = FlatParameters.Export(source.Parameters());
        Assert.Equal(source.ParameterCount, snapshot.Length);
        FlatParameters.CopyFrom(target.Parameters(), snapshot);
        Assert.Equal(snapshot, FlatParameters.Export(target.Parameters()));

        var gradients = Enumerable.Range(0, snapshot.Length).Select(i => i * 0.001f).ToArray();
        Gradients.CopyFrom(target.Parameters(), gradients);
        var roundTrip = new float[gradients.Length];
        Gradients.CopyTo(target.Parameters(), roundTrip);
        Assert.Equal(gradients, roundTrip);

        var error = Assert.Throws<TorchException>(() => FlatParameters.CopyFrom(target.Parameters(), new float[3]));
        Assert.Contains($"{snapshot.Length} elements", error.Message);
    }

    [Fact]
    public void Parameters_and_optimizer_state_round_trip_bit_exactly()
    {
        using var scope = Torch.NewDisposeScope();
        var (inputs, targets) = Xor();
        using var net = Mlp(3);
        using var adam = new Adam(net.Parameters(), lr: 0.01, eps: 1e-3);
        for (var i = 0; i < 5; i++) TrainStep(net, adam, inputs, targets);
        var bytes = StateSerializer.Serialize(net, adam);

        using var restored = Mlp(99);
        using var restoredAdam = new Adam(restored.Parameters(), lr: 0.01, eps: 1e-3);
        StateSerializer.Restore(bytes, restored, restoredAdam);
        Assert.Equal(bytes, StateSerializer.Serialize(restored, restoredAdam));

        // Both continue identically: same weights and same moments give the same next steps.
        for (var i = 0; i < 3; i++)
            Assert.Equal(TrainStep(net, adam, inputs, targets), TrainStep(restored, restoredAdam, inputs, targets));
        Assert.Equal(FlatParameters.Export(net.Parameters()), FlatParameters.Export(restored.Parameters()));
    }

    [Theory]
    [InlineData("adam", 0)]
    [InlineData("adam", 2)]
    [InlineData("rmsprop", 2)]
    [InlineData("sgd", 2)]
    public void The_state_archive_holds_the_parameters_and_the_optimizer_state_as_GetState_lists_it(string rule, int steps)
    {
        using var scope = Torch.NewDisposeScope();
        var (inputs, targets) = Xor();
        using var net = Mlp(5);
        using Optimizer optimizer = rule switch
        {
            "adam" => new Adam(net.Parameters(), lr: 0.01),
            "rmsprop" => new RmsProp(net.Parameters(), lr: 0.01, momentum: 0.9, centered: true),
            _ => new Sgd(net.Parameters(), lr: 0.01, momentum: 0.9),
        };
        for (var i = 0; i < steps; i++) TrainStep(net, optimizer, inputs, targets);

        // The archive's optimizer part is copied natively, without tensors: it must equal the
        // archive the generic path writes from the copies GetState hands out.
        var state = optimizer.GetState();
        var expected = TensorSerializer.ToBytes(net.NamedParameters().Select(p => new KeyValuePair<string, Tensor>("param." + p.Key, p.Value))
            .Concat(state.Select((tensor, k) => new KeyValuePair<string, Tensor>("optim." + k, tensor))));
        foreach (var tensor in state) tensor.Dispose();
        Assert.Equal(expected, StateSerializer.Serialize(net, optimizer));
    }

    [Fact]
    public void A_state_for_another_shape_is_refused_with_the_parameter_name()
    {
        using var small = Mlp(1);
        Torch.ManualSeed(1);
        using var wide = new Sequential(new Linear(2, 32), new Tanh(), new Linear(32, 1));
        var error = Assert.Throws<ArgumentException>(() => StateSerializer.Restore(StateSerializer.Serialize(small), wide));
        Assert.Contains("0.weight", error.Message);
        Assert.Contains("[16, 2]", error.Message);
        Assert.Contains("[32, 2]", error.Message);
    }

    [Fact]
    public void A_truncated_archive_is_reported_as_such()
    {
        using var net = Mlp(1);
        var bytes = StateSerializer.Serialize(net);
        var error = Assert.Throws<InvalidDataException>(() => StateSerializer.Restore(bytes[..(bytes.Length / 2)], net));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Generators_are_reproducible_and_their_state_restores()
    {
        using var scope = Torch.NewDisposeScope();
        using var a = new Generator(42);
        using var b = new Generator(42);
        Assert.Equal(Torch.Randn([5], a).ToArray<float>(), Torch.Randn([5], b).ToArray<float>());
        var state = a.GetState();
        var next = Torch.Rand([5], a).ToArray<float>();
        a.SetState(state);
        Assert.Equal(next, Torch.Rand([5], a).ToArray<float>());
        var probs = Torch.FromArray(new float[] { 0, 0, 1, 0 }, 1, 4);
        Assert.Equal(2, probs.Multinomial(1, generator: a).ToInt64());
    }

    [Fact]
    public void Conv2d_produces_the_atari_feature_map_sizes()
    {
        using var scope = Torch.NewDisposeScope();
        using var conv = new Sequential(new Conv2d(4, 32, 8, stride: 4), new ReLU(), new Conv2d(32, 64, 4, stride: 2), new ReLU(),
            new Conv2d(64, 64, 3, stride: 1), new ReLU(), new Flatten());
        var output = conv.Forward(Torch.Zeros(2, 4, 84, 84));
        Assert.Equal([2L, 64 * 7 * 7], output.Shape);
    }
}
