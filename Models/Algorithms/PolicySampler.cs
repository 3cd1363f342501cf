using System.Numerics;
using System.Runtime.InteropServices;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>Samples actions with TorchSharp, for any <see cref="ActorCritic"/> (the Atari CNN above all).</summary>
/// <param name="ownsNetwork">Whether disposing the sampler disposes <paramref name="net"/>; false when the caller shares it.</param>
public sealed class PolicySampler(ActorCritic net, long[] observationShape, ulong seed, bool ownsNetwork) : IPolicySampler
{
    private readonly Generator _generator = new(seed);

    /// <summary>Copies the weights into the network it acts with.</summary>
    public void Load(float[] weights) => FlatParameters.CopyFrom(net.ParameterList, weights);

    public void Sample<TObs>(TObs[] observations, int count, Span<int> actions) where TObs : unmanaged, INumberBase<TObs>
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = Observations.ToTensor(observations, count, observationShape, CPU);
        var logits = net.forward(input);
        var chosen = nn.functional.softmax(logits, 1).multinomial(1, generator: _generator).contiguous();
        var drawn = MemoryMarshal.Cast<byte, long>(chosen.bytes);
        for (var i = 0; i < count; i++) actions[i] = (int)drawn[i];
    }

    public void Dispose()
    {
        if (ownsNetwork) net.Dispose();
        _generator.Dispose();
    }
}
