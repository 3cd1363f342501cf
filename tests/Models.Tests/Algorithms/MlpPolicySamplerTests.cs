using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Tests.Algorithms;

public sealed class MlpPolicySamplerTests
{
    private const int Inputs = 4, Actions = 3, Hidden = 64;

    private static (MlpActorCritic Net, MlpPolicySampler Sampler) Pair(ulong seed, ulong samplerSeed = 11)
    {
        random.manual_seed((long)seed);
        var net = new MlpActorCritic(Inputs, Actions, Hidden);
        var sampler = new MlpPolicySampler(Inputs, Actions, Hidden, samplerSeed);
        sampler.Load(FlatParameters.Export(net.ParameterList));
        return (net, sampler);
    }

    private static float[] Observations(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count * Inputs).Select(_ => (float)(random.NextDouble() * 6 - 3))];
    }

    [Fact]
    public void Logits_equal_the_torchsharp_forward_pass_of_the_same_weights()
    {
        using var scope = NewDisposeScope();
        var (net, sampler) = Pair(seed: 4);
        using var _ = net;
        var observations = Observations(16, seed: 1);
        float[] expected;
        using (no_grad()) expected = net.forward(tensor(observations, [16, Inputs])).data<float>().ToArray();

        var logits = new float[Actions];
        for (var row = 0; row < 16; row++)
        {
            sampler.Logits<float>(observations.AsSpan(row * Inputs, Inputs), logits);
            for (var a = 0; a < Actions; a++) Assert.Equal(expected[row * Actions + a], logits[a], 1e-5);
        }
    }

    [Fact]
    public void The_same_seed_and_weights_give_the_same_actions_and_another_seed_other_ones()
    {
        using var scope = NewDisposeScope();
        var (net, first) = Pair(seed: 4);
        using var _ = net;
        var (other, second) = Pair(seed: 4);
        using var __ = other;
        var (third, reseeded) = Pair(seed: 4, samplerSeed: 12);
        using var ___ = third;
        var observations = Observations(8, seed: 2);
        int[] a = new int[8], b = new int[8], c = new int[8];
        var differs = false;
        for (var step = 0; step < 50; step++)
        {
            first.Sample(observations, 8, a);
            second.Sample(observations, 8, b);
            reseeded.Sample(observations, 8, c);
            Assert.Equal(a, b);
            differs |= !a.SequenceEqual(c);
        }
        Assert.True(differs, "a different seed should draw different actions somewhere in 400 draws");
    }

    [Fact]
    public void Draws_follow_the_softmax_of_the_logits()
    {
        // Weights scaled up so the policy is far from uniform; 30,000 draws put each frequency
        // within about 0.003 (one standard deviation) of its probability; 0.02 is a generous bound.
        using var scope = NewDisposeScope();
        random.manual_seed(9);
        using var net = new MlpActorCritic(Inputs, Actions, Hidden);
        var weights = FlatParameters.Export(net.ParameterList).Select(w => w * 3).ToArray();
        var sampler = new MlpPolicySampler(Inputs, Actions, Hidden, seed: 5);
        sampler.Load(weights);
        float[] observation = [0.5f, -1f, 0.25f, 2f];

        var logits = new float[Actions];
        sampler.Logits<float>(observation, logits);
        var exp = logits.Select(l => Math.Exp(l - logits.Max())).ToArray();
        var probabilities = exp.Select(e => e / exp.Sum()).ToArray();
        Assert.True(probabilities.Max() - probabilities.Min() > 0.2, $"the policy should not be near uniform: {string.Join(", ", probabilities)}");

        const int draws = 30_000;
        var counts = new int[Actions];
        var action = new int[1];
        for (var i = 0; i < draws; i++)
        {
            sampler.Sample(observation, 1, action);
            counts[action[0]]++;
        }
        for (var a = 0; a < Actions; a++) Assert.Equal(probabilities[a], counts[a] / (double)draws, 0.02);
    }

    [Fact]
    public void Byte_observations_are_read_as_their_values()
    {
        var sampler = new MlpPolicySampler(2, 2, 4, seed: 1);
        sampler.Load([.. Enumerable.Range(0, sampler.WeightCount).Select(i => (i % 7 - 3) / 10f)]);
        float[] fromFloats = new float[2], fromBytes = new float[2];
        sampler.Logits<float>([3f, 200f], fromFloats);
        sampler.Logits<byte>([3, 200], fromBytes);
        Assert.Equal(fromFloats, fromBytes);
    }

    [Fact]
    public void A_snapshot_of_the_wrong_length_is_refused_with_both_sizes()
    {
        var sampler = new MlpPolicySampler(Inputs, Actions, Hidden, seed: 1);
        var error = Assert.Throws<ArgumentException>(() => sampler.Load(new float[10]));
        Assert.Contains($"{sampler.WeightCount} weights", error.Message);
        Assert.Contains("has 10", error.Message);
    }

    [Fact]
    public void Sampling_before_weights_arrive_or_with_nan_weights_fails_clearly()
    {
        var sampler = new MlpPolicySampler(2, 2, 4, seed: 1);
        var actions = new int[1];
        Assert.Throws<InvalidOperationException>(() => sampler.Sample(new float[2], 1, actions));
        sampler.Load([.. Enumerable.Repeat(float.NaN, sampler.WeightCount)]);
        var error = Assert.Throws<InvalidOperationException>(() => sampler.Sample(new float[2], 1, actions));
        Assert.Contains("not finite", error.Message);
    }

    [Fact]
    public void The_factory_acts_with_the_managed_mlp_for_vectors_and_torchsharp_for_frames()
    {
        using var vectors = ActorCriticFactory.CreateSampler(BoxSpace.Uniform(-1, 1, [4], ElementType.Float32), new DiscreteSpace(2), 16, seed: 1);
        Assert.IsType<MlpPolicySampler>(vectors);
        using var frames = ActorCriticFactory.CreateSampler(BoxSpace.Uniform(0, 255, [4, 84, 84], ElementType.UInt8), new DiscreteSpace(6), 16, seed: 1);
        Assert.IsType<PolicySampler>(frames);
    }

    [Fact]
    public void A_torchsharp_sampler_acts_with_a_shared_network_and_leaves_it_to_its_owner()
    {
        var space = BoxSpace.Uniform(0, 255, [4, 84, 84], ElementType.UInt8);
        using var network = ActorCriticFactory.Create(space, new DiscreteSpace(6), 16, seed: 1);
        var weights = FlatParameters.Export(network.ParameterList).Select(w => w * 0.5f).ToArray();
        using (var sampler = ActorCriticFactory.CreateSampler(space, new DiscreteSpace(6), 16, seed: 1, network))
        {
            sampler.Load(weights);
            var actions = new int[2];
            sampler.Sample(new byte[2 * 4 * 84 * 84], 2, actions);
            Assert.All(actions, a => Assert.InRange(a, 0, 5));
        }
        Assert.Equal(weights, FlatParameters.Export(network.ParameterList)); // loaded into, and still alive after the sampler
    }
}
