using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace A3C.Models.Tests.Networks;

/// <summary>
/// The networks, their flat buffers and their stored state on TorchSharp: what the tests of the
/// old libtorch binding checked of our own code, moved onto what replaced it.
/// </summary>
public sealed class NetworkTests
{
    private static readonly BoxSpace Frames = BoxSpace.Uniform(0, 255, [4, 84, 84], ElementType.UInt8);
    private static readonly BoxSpace Vectors = BoxSpace.Uniform(-1, 1, [4], ElementType.Float32);

    [Fact]
    public void Parameters_carry_pytorch_state_dict_names_in_snapshot_order()
    {
        using var mlp = new MlpActorCritic(4, 2, hidden: 8);
        Assert.Equal(["body.weight", "body.bias", "policy.weight", "policy.bias", "value.weight", "value.bias"],
            mlp.named_parameters().Select(p => p.name));
        using var atari = new AtariActorCritic(4, 6);
        Assert.Equal(["conv.0.weight", "conv.0.bias", "conv.2.weight", "conv.2.bias", "conv.4.weight", "conv.4.bias",
                "policy.0.weight", "policy.0.bias", "policy.2.weight", "policy.2.bias", "value.0.weight", "value.0.bias", "value.2.weight", "value.2.bias"],
            atari.named_parameters().Select(p => p.name));
        Assert.Equal(atari.named_parameters().Select(p => p.parameter.numel()).Sum(), atari.ParameterCount);
    }

    [Fact]
    public void The_atari_network_maps_84_pixel_frames_through_a_7x7_feature_map_to_logits_and_values()
    {
        using var scope = NewDisposeScope();
        using var net = new AtariActorCritic(4, 6);
        Assert.Equal([512, 64 * 7 * 7], net.named_parameters().Single(p => p.name == "policy.0.weight").parameter.shape);

        var (logits, values) = net.Evaluate(zeros([2, 4, 84, 84], ScalarType.Byte));

        Assert.Equal([2, 6], logits.shape);
        Assert.Equal([2], values.shape);
        var error = Assert.Throws<ArgumentException>(() => new AtariActorCritic(4, 6, height: 30, width: 30));
        Assert.Contains("side 30", error.Message);
    }

    [Fact]
    public void The_same_seed_draws_the_same_initial_weights_and_another_seed_others()
    {
        using var first = ActorCriticFactory.Create(Vectors, new DiscreteSpace(2), 16, seed: 7);
        using var again = ActorCriticFactory.Create(Vectors, new DiscreteSpace(2), 16, seed: 7);
        using var other = ActorCriticFactory.Create(Vectors, new DiscreteSpace(2), 16, seed: 8);

        Assert.Equal(FlatParameters.Export(first.ParameterList), FlatParameters.Export(again.ParameterList));
        Assert.NotEqual(FlatParameters.Export(first.ParameterList), FlatParameters.Export(other.ParameterList));
    }

    [Fact]
    public void The_torchsharp_sampler_draws_the_same_actions_for_the_same_seed_and_others_for_another()
    {
        using var net = ActorCriticFactory.Create(Frames, new DiscreteSpace(6), 16, seed: 3);
        // Fresh weights give a nearly uniform policy over 6 actions: two seeds are bound to disagree in 80 draws.
        var weights = FlatParameters.Export(net.ParameterList);
        var frames = new byte[8 * 4 * 84 * 84];
        new Random(5).NextBytes(frames);

        int[] Draws(ulong seed)
        {
            using var sampler = new PolicySampler(ActorCriticFactory.Create(Frames, new DiscreteSpace(6), 16, seed: 3), [4, 84, 84], seed, ownsNetwork: true);
            sampler.Load(weights);
            var actions = new int[8];
            return [.. Enumerable.Range(0, 10).SelectMany(_ =>
            {
                sampler.Sample(frames, 8, actions);
                return actions.ToArray();
            })];
        }

        Assert.Equal(Draws(11), Draws(11));
        Assert.NotEqual(Draws(11), Draws(12));
    }

    [Fact]
    public void Flat_buffers_carry_weights_and_gradients_between_networks()
    {
        using var source = new MlpActorCritic(4, 2, hidden: 8);
        using var target = new MlpActorCritic(4, 2, hidden: 8);
        var weights = FlatParameters.Export(source.ParameterList);
        var gradient = weights.Select((_, i) => i * 0.5f).ToArray();

        FlatParameters.CopyFrom(target.ParameterList, weights);
        FlatParameters.CopyGradientsFrom(target.ParameterList, gradient); // no gradient exists yet: attached
        FlatParameters.CopyGradientsFrom(target.ParameterList, gradient); // one exists now: overwritten

        Assert.Equal(weights, FlatParameters.Export(target.ParameterList));
        var read = new float[gradient.Length];
        FlatParameters.CopyGradientsTo(target.ParameterList, read);
        Assert.Equal(gradient, read);
        FlatParameters.CopyGradientsTo(source.ParameterList, read); // none: zeros
        Assert.All(read, g => Assert.Equal(0f, g));
        var error = Assert.Throws<ArgumentException>(() => FlatParameters.CopyFrom(target.ParameterList, new float[10]));
        Assert.Contains($"has {weights.Length} parameters", error.Message);
        Assert.Contains("holds 10", error.Message);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.RmsProp)]
    public void Weights_and_optimizer_state_round_trip_bit_exactly(OptimizerKind kind)
    {
        using var trained = ActorCriticFactory.Create(Vectors, new DiscreteSpace(2), 8, seed: 1);
        using var trainedStep = new GradientStep(trained, kind, learningRate: 0.01, eps: 1e-5);
        for (var i = 0; i < 3; i++)
            trainedStep.Apply([.. Enumerable.Range(0, (int)trained.ParameterCount).Select(j => (float)Math.Sin(i + j))], inParameters: false, maxNorm: 1);
        var (weights, state) = (NetworkState.SaveWeights(trained), trainedStep.SaveState());

        using var fresh = ActorCriticFactory.Create(Vectors, new DiscreteSpace(2), 8, seed: 2);
        using var freshStep = new GradientStep(fresh, kind, learningRate: 0.01, eps: 1e-5);
        NetworkState.LoadWeights(fresh, weights);
        freshStep.LoadState(state);

        Assert.Equal(FlatParameters.Export(trained.ParameterList), FlatParameters.Export(fresh.ParameterList));
        Assert.Equal(weights, NetworkState.SaveWeights(fresh));
        Assert.Equal(state, freshStep.SaveState());
    }

    [Fact]
    public void Truncated_weights_or_an_optimizer_state_of_other_shapes_are_refused_saying_so()
    {
        using var net = new MlpActorCritic(4, 2, hidden: 8);
        var weights = NetworkState.SaveWeights(net);

        var truncated = Assert.Throws<ArgumentException>(() => NetworkState.LoadWeights(net, weights[..(weights.Length / 2)]));
        Assert.Contains("not a readable safetensors file", truncated.Message);

        using var wider = new MlpActorCritic(4, 2, hidden: 16);
        using var widerStep = new GradientStep(wider, OptimizerKind.RmsProp, learningRate: 0.01, eps: 1e-5);
        widerStep.Apply(new float[wider.ParameterCount], inParameters: false, maxNorm: 1);
        using var step = new GradientStep(net, OptimizerKind.RmsProp, learningRate: 0.01, eps: 1e-5);
        var misfit = Assert.Throws<ArgumentException>(() => step.LoadState(widerStep.SaveState()));
        Assert.Contains("does not fit this optimizer", misfit.Message);
    }

    [Fact]
    public void The_general_path_applies_the_gradient_clipped_to_the_bound_and_reports_the_norm_before()
    {
        // RMSprop takes the TorchSharp path, where clip_grad_norm_ scales the gradient the parameters hold.
        using var net = new MlpActorCritic(2, 2, hidden: 2);
        using var step = new GradientStep(net, OptimizerKind.RmsProp, learningRate: 0.01, eps: 1e-5);
        var gradient = new float[net.ParameterCount];
        gradient[0] = 3;
        gradient[1] = 4;

        var norm = step.Apply(gradient, inParameters: false, maxNorm: 0.5);

        Assert.Equal(5, norm!.Value, 5);
        var applied = new float[gradient.Length];
        FlatParameters.CopyGradientsTo(net.ParameterList, applied);
        Assert.Equal(0.3, applied[0], 5);
        Assert.Equal(0.4, applied[1], 5);
    }

    [Fact]
    public void A_libtorch_error_surfaces_as_a_managed_exception_with_libtorchs_message()
    {
        using var net = new MlpActorCritic(4, 2, hidden: 8);
        using var wrongWidth = zeros(3, 5);

        var error = Assert.ThrowsAny<Exception>(() => net.forward(wrongWidth));

        Assert.Contains("3x5", error.Message);
        Assert.Contains("4", error.Message);
    }

    [Fact]
    public void Devices_are_spelt_as_pytorch_spells_them_and_cuda_on_a_cpu_build_says_how_to_get_one()
    {
        Assert.Equal(DeviceType.CPU, TorchRuntime.Require(" CPU ").type);
        Assert.Contains("expected cpu, cuda or cuda:N", Assert.Throws<ArgumentException>(() => TorchRuntime.Require("gpu")).Message);
        Assert.Contains("expected cpu, cuda or cuda:N", Assert.Throws<ArgumentException>(() => TorchRuntime.Require("cuda:x")).Message);
        if (cuda.is_available()) return;
        Assert.Contains("-p:TorchDevice=cuda", Assert.Throws<ArgumentException>(() => TorchRuntime.Require("cuda:0")).Message);
    }

    [Fact]
    public void Training_steps_sampling_and_saving_leave_no_tensor_alive()
    {
        // The Atari network takes every TorchSharp path (autograd, clip_grad_norm_ and Adam, sampling);
        // the MLP with RMSprop takes the general step from a flat gradient. Counted on this thread.
        using var atari = ActorCriticFactory.Create(Frames, new DiscreteSpace(6), 16, seed: 1);
        using var atariStep = new GradientStep(atari, OptimizerKind.Adam, learningRate: 1e-4, eps: 1e-5);
        using var sampler = ActorCriticFactory.CreateSampler(Frames, new DiscreteSpace(6), 16, seed: 1, atari);
        var atariGradients = new A2CGradients(atari, CPU, [4, 84, 84], new A2CHyperparameters());
        var frames = new byte[2 * 4 * 84 * 84];
        var batch = new TransitionBatch<byte>(2, 4 * 84 * 84, frames, [1, 3], [0.5f, -1f], frames, [0.9f, 0f]);
        using var mlp = new MlpActorCritic(4, 2, hidden: 8);
        using var mlpStep = new GradientStep(mlp, OptimizerKind.RmsProp, learningRate: 0.01, eps: 1e-5);
        var actions = new int[2];

        void Round()
        {
            atariGradients.Compute(batch);
            atariStep.Apply(atariGradients.Values, atariGradients.InParameters, maxNorm: 0.5);
            sampler.Sample(frames, 2, actions);
            sampler.Load(FlatParameters.Export(atari.ParameterList));
            mlpStep.Apply(new float[mlp.ParameterCount], inParameters: false, maxNorm: 0.5);
            NetworkState.LoadWeights(mlp, NetworkState.SaveWeights(mlp));
            mlpStep.LoadState(mlpStep.SaveState());
        }

        Round(); // the first round creates what lives on: gradients and optimizer state
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 3; i++) Round();

        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
