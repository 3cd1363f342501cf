using A3C.Models.Environments;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>Chooses the network for an environment: the Atari CNN for frames, an MLP for vectors.</summary>
public static class ActorCriticFactory
{
    // Seeding libtorch's default generator and drawing the initial weights must not interleave
    // with another actor doing the same, or the same seed would not give the same weights.
    private static readonly Lock InitialWeights = new();

    /// <summary>
    /// Builds the network, its parameters drawn from libtorch's default generator seeded with
    /// <paramref name="seed"/>, so the same seed gives the same initial weights.
    /// </summary>
    public static ActorCritic Create(BoxSpace observationSpace, Space actionSpace, int hidden, ulong seed)
    {
        if (actionSpace is not DiscreteSpace discrete)
            throw new ArgumentException($"actor-critic training needs a discrete action space, but the environment has {actionSpace}");
        lock (InitialWeights)
        {
            random.manual_seed(unchecked((long)seed));
            return IsFrames(observationSpace)
                ? new AtariActorCritic(observationSpace.Shape[0], discrete.N, observationSpace.Shape[1], observationSpace.Shape[2])
                : new MlpActorCritic(observationSpace.Size, discrete.N, hidden);
        }
    }

    /// <summary>
    /// A sampler for the network <see cref="Create"/> would build, drawing from a stream seeded with
    /// <paramref name="seed"/>. The MLP's policy runs in managed code from flat snapshots; any other
    /// network runs in TorchSharp, with <paramref name="network"/> when the caller has one to share
    /// (it keeps owning it), else with one of the sampler's own.
    /// </summary>
    public static IPolicySampler CreateSampler(BoxSpace observationSpace, Space actionSpace, int hidden, ulong seed,
        ActorCritic? network = null)
    {
        if (IsFrames(observationSpace))
            return new PolicySampler(network ?? Create(observationSpace, actionSpace, hidden, seed), ObservationShape(observationSpace), seed,
                ownsNetwork: network is null);
        var actions = actionSpace is DiscreteSpace discrete
            ? discrete.N
            : throw new ArgumentException($"actor-critic training needs a discrete action space, but the environment has {actionSpace}");
        return new MlpPolicySampler(observationSpace.Size, actions, hidden, seed);
    }

    private static bool IsFrames(BoxSpace observationSpace) =>
        observationSpace.ElementType == ElementType.UInt8 && observationSpace.Shape.Length == 3;

    /// <summary>The shape of one observation as tensor dimensions.</summary>
    public static long[] ObservationShape(BoxSpace observationSpace)
    {
        var shape = observationSpace.Shape;
        var dims = new long[shape.Length];
        for (var i = 0; i < shape.Length; i++) dims[i] = shape[i];
        return dims;
    }
}
