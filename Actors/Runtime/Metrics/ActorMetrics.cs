using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace A3C.Actors.Runtime.Metrics;

/// <summary>
/// One actor's counters. Written without locks by the thread running the actor's turn (one at a
/// time), read by observers; a reader may see a count one message old, never a torn value.
/// </summary>
internal sealed class ActorMetrics
{
    /// <summary>Processing-time buckets: powers of two of about 1 µs (1 µs, 2 µs ... ~1 s), then +Inf.</summary>
    public const int BucketCount = 22;

    // Bucket i holds times up to 2^(i + Shift) ticks: a shift instead of a division per message.
    private static readonly int Shift = BitOperations.Log2((ulong)Math.Max(1, Stopwatch.Frequency / 1_000_000));

    private readonly ActorSystemMetrics _system;
    private readonly KeyValuePair<string, object?> _pathTag;

    // Written on every message: kept apart from other objects' cache lines (see Counters).
    public Counters Hot;
    public long Failures;
    public long Restarts;
    public long DeadLetters; // incremented by senders, so with Interlocked
    private readonly long _sampleMask;

    public ActorMetrics(ActorSystemMetrics system, ActorPath path, int timingSampleInterval)
    {
        _system = system;
        _sampleMask = timingSampleInterval - 1;
        _pathTag = new KeyValuePair<string, object?>(ActorSystemMetrics.PathTag, path.ToString());
    }

    public KeyValuePair<string, object?> PathTag => _pathTag;

    /// <summary>
    /// Counts a message about to be processed and says whether to time it. Reading the clock
    /// costs about as much as a small message, so only one in <c>timingSampleInterval</c>
    /// messages is timed (the first always); the count itself is exact.
    /// </summary>
    public bool CountAndSample() => (Hot.Processed++ & _sampleMask) == 0;

    public void RecordTime(long ticks)
    {
        ref var hot = ref Hot;
        hot.Timed++;
        hot.TotalTicks += ticks;
        if (ticks > hot.MaxTicks) hot.MaxTicks = ticks;
        hot.Buckets[BucketOf(ticks)]++;
        var histogram = _system.ProcessingTime;
        if (histogram.Enabled) histogram.Record((double)ticks / Stopwatch.Frequency, _pathTag);
    }

    private static int BucketOf(long ticks)
    {
        // ceil(log2(ticks)) - Shift, clamped to the bucket range.
        var index = ticks <= 1 ? 0 : BitOperations.Log2((ulong)(ticks - 1)) + 1 - Shift;
        return Math.Clamp(index, 0, BucketCount - 1);
    }

    public static double BucketUpperBoundMicroseconds(int index) =>
        index == BucketCount - 1 ? double.PositiveInfinity : Math.Pow(2, index + Shift) * 1e6 / Stopwatch.Frequency;

    /// <summary>
    /// The per-message counters, padded by a cache line on both sides: a partner actor's
    /// counters, written by another core, would otherwise share a line and slow both.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 64 + 32 + BucketCount * 8 + 64)]
    public struct Counters
    {
        [FieldOffset(64)] public long Processed;
        [FieldOffset(72)] public long Timed;
        [FieldOffset(80)] public long TotalTicks;
        [FieldOffset(88)] public long MaxTicks;
        [FieldOffset(96)] public BucketCounts Buckets;
    }

    [InlineArray(BucketCount)]
    public struct BucketCounts
    {
        private long _count;
    }
}
