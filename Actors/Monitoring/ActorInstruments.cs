using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Akka.Actor;

namespace A3C.Actors.Monitoring;

/// <summary>
/// One actor path's counters, kept across restarts and across incarnations after a failure.
/// Written without locks by the thread running the actor's turn (Akka runs one at a time and
/// orders turns through the mailbox), read by scrapes with <see cref="Volatile"/>: a reader may
/// see a count one message old, never a torn value.
/// </summary>
internal sealed class ActorInstruments
{
    private readonly long _sampleMask;
    private readonly Histogram<double> _processingTime;
    private readonly ProcessingTimeBuckets _buckets;
    private ICell? _cell;

    // Written on every message: padded so that a partner actor's counters, written by another
    // core, never share its cache line.
    private HotCounters _hot;
    private long _failures;
    private long _restarts;

    public ActorInstruments(string path, string? parentPath, Type actorType, string typeName, KeyValuePair<string, object?>[] tags, ICell? cell,
        int timingSampleInterval, Histogram<double> processingTime, ProcessingTimeBuckets buckets)
    {
        Path = path;
        ParentPath = parentPath;
        ActorType = actorType;
        TypeName = typeName;
        Tags = tags;
        _cell = cell;
        _sampleMask = timingSampleInterval - 1;
        _processingTime = processingTime;
        _buckets = buckets;
    }

    public string Path { get; }

    public string? ParentPath { get; }

    public Type ActorType { get; }

    public string TypeName { get; }

    /// <summary>Path, type, environment, mode and run: built once, recorded with every measurement.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>True from a failure until the actor goes on (next message or restart): a stop then was caused by it.</summary>
    public bool StoppedByFailure => Volatile.Read(ref _hot.FailurePending);

    public int MailboxDepth => Volatile.Read(ref _cell)?.NumberOfMessages ?? 0;

    public long Processed => Volatile.Read(ref _hot.Processed);

    public long Failures => Volatile.Read(ref _failures);

    public long Restarts => Volatile.Read(ref _restarts);

    /// <summary>
    /// Counts a message about to be processed and says whether to time it: reading the clock
    /// twice costs about as much as a small message, so only one in the sample interval is timed.
    /// </summary>
    public bool CountMessage()
    {
        ref var hot = ref _hot;
        hot.FailurePending = false;
        return (hot.Processed++ & _sampleMask) == 0;
    }

    public void RecordProcessingTime(long ticks)
    {
        ref var hot = ref _hot;
        hot.Timed++;
        hot.TotalTicks += ticks;
        if (ticks > hot.MaxTicks) hot.MaxTicks = ticks;
        hot.Buckets[_buckets.IndexOf(ticks)]++;
        if (_processingTime.Enabled) _processingTime.Record((double)ticks / Stopwatch.Frequency, Tags);
    }

    public void CountFailure()
    {
        Volatile.Write(ref _failures, _failures + 1);
        Volatile.Write(ref _hot.FailurePending, true);
    }

    public void CountRestart()
    {
        Volatile.Write(ref _restarts, _restarts + 1);
        Volatile.Write(ref _hot.FailurePending, false);
    }

    /// <summary>A new incarnation took over the path: its mailbox is the one to watch now.</summary>
    public void Attach(ICell? cell) => Volatile.Write(ref _cell, cell);

    public ActorMetricsSnapshot Snapshot()
    {
        var timed = Volatile.Read(ref _hot.Timed);
        var microsecondsPerTick = 1e6 / Stopwatch.Frequency;
        var mean = timed == 0 ? 0 : Volatile.Read(ref _hot.TotalTicks) * microsecondsPerTick / timed;
        var max = Volatile.Read(ref _hot.MaxTicks) * microsecondsPerTick;
        Span<long> counts = stackalloc long[ProcessingTimeBuckets.Count];
        for (var i = 0; i < counts.Length; i++) counts[i] = Volatile.Read(ref _hot.Buckets[i]);
        return new ActorMetricsSnapshot(Path, ParentPath, TypeName, MailboxDepth, Processed, Failures, Restarts,
            new ProcessingTimeSummary(timed, mean, _buckets.QuantileMicroseconds(counts, 0.50, max),
                _buckets.QuantileMicroseconds(counts, 0.99, max), max));
    }

    [StructLayout(LayoutKind.Explicit, Size = 64 + 40 + ProcessingTimeBuckets.Count * 8 + 64)]
    private struct HotCounters
    {
        [FieldOffset(64)] public long Processed;
        [FieldOffset(72)] public long Timed;
        [FieldOffset(80)] public long TotalTicks;
        [FieldOffset(88)] public long MaxTicks;
        [FieldOffset(96)] public bool FailurePending;
        [FieldOffset(104)] public BucketCounts Buckets;
    }

    [InlineArray(ProcessingTimeBuckets.Count)]
    private struct BucketCounts
    {
        private long _count;
    }
}
