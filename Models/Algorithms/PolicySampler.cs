using System.Numerics;
using A3C.LibTorch;
using A3C.LibTorch.Nn;

namespace A3C.Models.Algorithms;

/// <summary>Samples actions with libtorch, for any <see cref="ActorCritic"/> (the Atari CNN above all).</summary>
/// <remarks>The sampler owns <paramref name="net"/> and the generator and disposes them.</remarks>
public sealed class PolicySampler(ActorCritic net, long[] observationShape, ulong seed) : IPolicySampler
{
    private readonly Generator _generator = new(seed);

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
        net.Dispose();
        _generator.Dispose();
    }
}
