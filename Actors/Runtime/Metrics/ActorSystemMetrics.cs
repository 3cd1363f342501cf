using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace A3C.Actors.Runtime.Metrics;

/// <summary>
/// Publishes every actor's counters on the <c>A3C.Actors</c> meter (observed on demand, tagged
/// with the actor path) and as a <see cref="Snapshot"/>. Walks the live actor tree when read,
/// so nothing is registered or locked when actors start and stop.
/// </summary>
public sealed class ActorSystemMetrics : IDisposable
{
    public const string MeterName = "A3C.Actors";
    public const string PathTag = "actor.path";

    private readonly ActorSystem _system;
    private readonly Meter _meter;
    private long _deadLetters;

    internal ActorSystemMetrics(ActorSystem system)
    {
        _system = system;
        _meter = new Meter(MeterName);
        var systemTag = new KeyValuePair<string, object?>("actor.system", system.Name);
        ProcessingTime = _meter.CreateHistogram<double>("a3c.actor.processing_time", "s", "Time to process one message.");
        _meter.CreateObservableGauge("a3c.actor.mailbox_depth", () => Observe(c => c.Mailbox.Depth), "{message}", "User messages waiting.");
        _meter.CreateObservableCounter("a3c.actor.messages_processed", () => Observe(m => Volatile.Read(ref m.Hot.Processed)), "{message}");
        _meter.CreateObservableCounter("a3c.actor.failures", () => Observe(m => m.Failures), "{failure}");
        _meter.CreateObservableCounter("a3c.actor.restarts", () => Observe(m => m.Restarts), "{restart}");
        _meter.CreateObservableCounter("a3c.actor.dead_letters", () => Observe(m => m.DeadLetters), "{message}");
        _meter.CreateObservableCounter("a3c.system.dead_letters", () => new Measurement<long>(DeadLetterCount, systemTag), "{message}");
    }

    internal Histogram<double> ProcessingTime { get; }

    public long DeadLetterCount => Volatile.Read(ref _deadLetters);

    internal void CountDeadLetter() => Interlocked.Increment(ref _deadLetters);

    public ActorSystemSnapshot Snapshot()
    {
        var actors = new List<ActorMetricsSnapshot>();
        Collect(_system.RootCell, null, actors);
        return new ActorSystemSnapshot(_system.Name, _system.Address.ToString(), DateTimeOffset.UtcNow, _system.Settings.MetricsEnabled, DeadLetterCount, actors);
    }

    private static void Collect(ActorCell cell, string? parentPath, List<ActorMetricsSnapshot> into)
    {
        var path = cell.Path.ToString();
        var children = cell.ChildCells.ToList();
        into.Add(SnapshotOf(cell, path, parentPath, children.Select(c => c.Path.ToString()).ToList()));
        foreach (var child in children) Collect(child, path, into);
    }

    private static ActorMetricsSnapshot SnapshotOf(ActorCell cell, string path, string? parentPath, IReadOnlyList<string> children)
    {
        var m = cell.Metrics;
        var processed = m is null ? 0 : Volatile.Read(ref m.Hot.Processed);
        return new ActorMetricsSnapshot(
            path, parentPath, cell.ActorType.Name, children, cell.Mailbox.Depth,
            processed,
            m is null ? 0 : Volatile.Read(ref m.Failures),
            m is null ? 0 : Volatile.Read(ref m.Restarts),
            m is null ? 0 : Volatile.Read(ref m.DeadLetters),
            m is null ? new ProcessingTimeSummary(0, 0, 0, 0, 0, []) : Summarize(m));
    }

    private static ProcessingTimeSummary Summarize(ActorMetrics m)
    {
        var buckets = new HistogramBucket[ActorMetrics.BucketCount];
        long counted = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            var count = Volatile.Read(ref m.Hot.Buckets[i]);
            counted += count;
            buckets[i] = new HistogramBucket(ActorMetrics.BucketUpperBoundMicroseconds(i), count);
        }
        var microsPerTick = 1e6 / Stopwatch.Frequency;
        var timed = Volatile.Read(ref m.Hot.Timed);
        var mean = timed == 0 ? 0 : Volatile.Read(ref m.Hot.TotalTicks) * microsPerTick / timed;
        var max = Volatile.Read(ref m.Hot.MaxTicks) * microsPerTick;
        return new ProcessingTimeSummary(timed, mean, max, Percentile(buckets, counted, 0.50, max), Percentile(buckets, counted, 0.99, max), buckets);
    }

    /// <summary>The upper bound of the bucket holding the quantile, capped by the observed max.</summary>
    private static double Percentile(HistogramBucket[] buckets, long total, double quantile, double max)
    {
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(total * quantile);
        long seen = 0;
        foreach (var bucket in buckets)
        {
            seen += bucket.Count;
            if (seen >= rank) return Math.Min(bucket.UpperBoundMicroseconds, max);
        }
        return max;
    }

    private IEnumerable<Measurement<long>> Observe(Func<ActorMetrics, long> read)
    {
        foreach (var cell in AllCells())
            if (cell.Metrics is { } m) yield return new Measurement<long>(read(m), m.PathTag);
    }

    private IEnumerable<Measurement<int>> Observe(Func<ActorCell, int> read)
    {
        foreach (var cell in AllCells())
            yield return new Measurement<int>(read(cell), new KeyValuePair<string, object?>(PathTag, cell.Path.ToString()));
    }

    private IEnumerable<ActorCell> AllCells()
    {
        var pending = new Stack<ActorCell>();
        pending.Push(_system.RootCell);
        while (pending.TryPop(out var cell))
        {
            yield return cell;
            foreach (var child in cell.ChildCells) pending.Push(child);
        }
    }

    public void Dispose() => _meter.Dispose();
}
