using A3C.LibTorch;
using A3C.Models.Environments;

namespace A3C.Models.Algorithms;

/// <summary>Chooses the network for an environment: the Atari CNN for frames, an MLP for vectors.</summary>
public static class ActorCriticFactory
{
    /// <summary>
    /// Builds the network, its parameters drawn from libtorch's default generator seeded with
    /// <paramref name="seed"/>, so the same seed gives the same initial weights.
    /// </summary>
    public static ActorCritic Create(BoxSpace observationSpace, Space actionSpace, int hidden, ulong seed)
    {
        if (actionSpace is not DiscreteSpace discrete)
            throw new ArgumentException($"actor-critic training needs a discrete action space, but the environment has {actionSpace}");
        Torch.ManualSeed(seed);
        var shape = observationSpace.Shape;
        return observationSpace.ElementType == ElementType.UInt8 && shape.Length == 3
            ? new AtariActorCritic(shape[0], discrete.N)
            : new MlpActorCritic(observationSpace.Size, discrete.N, hidden);
    }

    /// <summary>The shape of one observation as tensor dimensions.</summary>
    public static long[] ObservationShape(BoxSpace observationSpace)
    {
        var shape = observationSpace.Shape;
        var dims = new long[shape.Length];
        for (var i = 0; i < shape.Length; i++) dims[i] = shape[i];
        return dims;
    }
}
