using System.Numerics;

namespace A3C.Models.Algorithms;

/// <summary>
/// Chooses one action per observation from the current policy, drawing from its own seeded
/// random stream, so the same seed and the same weights give the same actions.
/// </summary>
public interface IPolicySampler : IDisposable
{
    /// <summary>Adopts new policy weights: a flat snapshot in the network's parameter order.</summary>
    void Load(float[] weights);

    /// <summary>Writes an action for each of the <paramref name="count"/> observations into <paramref name="actions"/>.</summary>
    void Sample<TObs>(TObs[] observations, int count, Span<int> actions) where TObs : unmanaged, INumberBase<TObs>;
}
