using System.Numerics;
using A3C.LibTorch;
using A3C.LibTorch.Nn;

namespace A3C.Models.Algorithms;

/// <summary>Samples actions with libtorch, for any <see cref="ActorCritic"/> (the Atari CNN above all).</summary>
/// <param name="ownsNetwork">Whether disposing the sampler disposes <paramref name="net"/>; false when the caller shares it.</param>
public sealed class PolicySampler(ActorCritic net, long[] observationShape, ulong seed, bool ownsNetwork) : IPolicySampler
{
    private readonly Generator _generator = new(seed);

    /// <summary>Copies the weights into the network it acts with.</summary>
    public void Load(float[] weights) => FlatParameters.CopyFrom(net.Parameters(), weights);

    public void Sample<TObs>(TObs[] observations, int count, Span<int> actions) where TObs : unmanaged, INumberBase<TObs>
    {
        using var scope = Torch.NewDisposeScope();
        using var noGrad = Torch.NoGrad();
        var input = Observations.ToTensor(observations, count, observationShape, Device.Cpu);
        var logits = net.Forward(input);
        var chosen = logits.Softmax(1).Multinomial(1, generator: _generator);
        var span = chosen.AsSpan<long>();
        for (var i = 0; i < count; i++) actions[i] = (int)span[i];
    }

    public void Dispose()
    {
        if (ownsNetwork) net.Dispose();
        _generator.Dispose();
    }
}
