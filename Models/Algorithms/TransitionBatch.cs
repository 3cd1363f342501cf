namespace A3C.Models.Algorithms;

/// <summary>
/// n-step transitions, row <c>i</c> for transition <c>i</c>: the observation an action was taken
/// in, the action, the discounted reward over up to n steps, and what to bootstrap from: the
/// observation reached and the factor (γ^k, or 0 when the episode terminated) that multiplies its
/// value. The learner computes V(bootstrap) with its current weights, as the n-step target
/// R + γ^k V(s_{t+k}) asks.
/// </summary>
/// <typeparam name="TObs">Observation element type: float for vector observations, byte for frames.</typeparam>
public sealed record TransitionBatch<TObs>(
    int Count,
    int ObservationSize,
    TObs[] Observations,
    int[] Actions,
    float[] Returns,
    TObs[] BootstrapObservations,
    float[] BootstrapDiscounts)
    where TObs : unmanaged
{
    /// <summary>Joins batches (from several workers, say) into one, in order.</summary>
    public static TransitionBatch<TObs> Concat(IReadOnlyList<TransitionBatch<TObs>> batches)
    {
        if (batches.Count == 1) return batches[0];
        var count = batches.Sum(b => b.Count);
        var size = batches[0].ObservationSize;
        var joined = new TransitionBatch<TObs>(count, size, new TObs[count * size], new int[count], new float[count],
            new TObs[count * size], new float[count]);
        var row = 0;
        foreach (var batch in batches)
        {
            if (batch.ObservationSize != size)
                throw new ArgumentException($"cannot join batches with observation sizes {size} and {batch.ObservationSize}");
            batch.Observations.AsSpan(0, batch.Count * size).CopyTo(joined.Observations.AsSpan(row * size));
            batch.BootstrapObservations.AsSpan(0, batch.Count * size).CopyTo(joined.BootstrapObservations.AsSpan(row * size));
            batch.Actions.AsSpan(0, batch.Count).CopyTo(joined.Actions.AsSpan(row));
            batch.Returns.AsSpan(0, batch.Count).CopyTo(joined.Returns.AsSpan(row));
            batch.BootstrapDiscounts.AsSpan(0, batch.Count).CopyTo(joined.BootstrapDiscounts.AsSpan(row));
            row += batch.Count;
        }
        return joined;
    }
}
