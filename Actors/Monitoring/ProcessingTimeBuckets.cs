using System.Diagnostics;

namespace A3C.Actors.Monitoring;

/// <summary>
/// The processing-time bucket bounds, shared by the exported histogram and the per-actor counts
/// behind the snapshot's percentiles: seconds, by factors of about four from 1 µs to 4 s (a small
/// message takes a microsecond, a learner's update tens of milliseconds), then overflow.
/// </summary>
internal sealed class ProcessingTimeBuckets
{
    /// <summary>The bounds' count plus one for what exceeds the last.</summary>
    public const int Count = 13;

    private readonly long[] _upperBoundTicks;

    public ProcessingTimeBuckets()
    {
        UpperBoundSeconds = [1e-6, 4e-6, 16e-6, 64e-6, 256e-6, 1e-3, 4e-3, 16e-3, 64e-3, 0.25, 1, 4];
        _upperBoundTicks = UpperBoundSeconds.Select(s => (long)Math.Ceiling(s * Stopwatch.Frequency)).ToArray();
    }

    public IReadOnlyList<double> UpperBoundSeconds { get; }

    /// <summary>The bucket of a time in <see cref="Stopwatch"/> ticks: the first whose bound it does not exceed.</summary>
    public int IndexOf(long ticks)
    {
        var index = 0;
        while (index < _upperBoundTicks.Length && ticks > _upperBoundTicks[index]) index++;
        return index;
    }

    /// <summary>
    /// The upper bound, in microseconds, of the bucket holding the quantile, capped by the longest
    /// time seen (which also stands for the overflow bucket); 0 without counts.
    /// </summary>
    public double QuantileMicroseconds(ReadOnlySpan<long> counts, double quantile, double maxMicroseconds)
    {
        long total = 0;
        foreach (var count in counts) total += count;
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(total * quantile);
        long seen = 0;
        for (var i = 0; i < UpperBoundSeconds.Count; i++)
        {
            seen += counts[i];
            if (seen >= rank) return Math.Min(UpperBoundSeconds[i] * 1e6, maxMicroseconds);
        }
        return maxMicroseconds;
    }
}
