using System.Diagnostics;
using A3C.Actors.Monitoring;

namespace A3C.Actors.Tests.Monitoring;

public sealed class ProcessingTimeBucketsTests
{
    private readonly ProcessingTimeBuckets _buckets = new();

    [Fact]
    public void A_time_falls_in_the_first_bucket_whose_bound_it_does_not_exceed()
    {
        Assert.Equal(0, _buckets.IndexOf(0));
        Assert.Equal(0, _buckets.IndexOf(Ticks(1e-6)));
        Assert.Equal(1, _buckets.IndexOf(Ticks(1e-6) + 1));
        Assert.Equal(5, _buckets.IndexOf(Ticks(1e-3)));
        Assert.Equal(ProcessingTimeBuckets.Count - 1, _buckets.IndexOf(Ticks(5)));
    }

    [Fact]
    public void Percentiles_are_bucket_bounds_capped_by_the_longest_time()
    {
        Span<long> counts = stackalloc long[ProcessingTimeBuckets.Count];
        counts[1] = 90; // up to 4 µs
        counts[5] = 9;  // up to 1 ms
        counts[8] = 1;  // up to 64 ms

        Assert.Equal(4, _buckets.QuantileMicroseconds(counts, 0.50, maxMicroseconds: 50_000));
        Assert.Equal(1_000, _buckets.QuantileMicroseconds(counts, 0.99, maxMicroseconds: 50_000));
        Assert.Equal(50_000, _buckets.QuantileMicroseconds(counts, 1.0, maxMicroseconds: 50_000));
    }

    [Fact]
    public void Without_timed_messages_the_percentiles_are_zero()
    {
        Span<long> counts = stackalloc long[ProcessingTimeBuckets.Count];
        Assert.Equal(0, _buckets.QuantileMicroseconds(counts, 0.99, maxMicroseconds: 0));
    }

    [Fact]
    public void There_is_one_count_per_bound_and_one_for_overflow()
    {
        Assert.Equal(ProcessingTimeBuckets.Count - 1, _buckets.UpperBoundSeconds.Count);
    }

    private static long Ticks(double seconds) => (long)Math.Ceiling(seconds * Stopwatch.Frequency);
}
