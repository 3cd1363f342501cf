using A3C.LibTorch;

namespace A3C.Models.Algorithms;

/// <summary>Samples one action per observation from the policy, without recording gradients.</summary>
public sealed class PolicySampler(ActorCritic net, long[] observationShape, Generator generator)
{
    /// <summary>Writes an action for each of the <paramref name="count"/> observations into <paramref name="actions"/>.</summary>
    public void Sample<TObs>(TObs[] observations, int count, Span<int> actions) where TObs : unmanaged
    {
        using var scope = Torch.NewDisposeScope();
        using var noGrad = Torch.NoGrad();
        var input = Observations.ToTensor(observations, count, observationShape, Device.Cpu);
        var logits = net.Forward(input);
        var chosen = logits.Softmax(1).Multinomial(1, generator: generator);
        var span = chosen.AsSpan<long>();
        for (var i = 0; i < count; i++) actions[i] = (int)span[i];
    }
}
