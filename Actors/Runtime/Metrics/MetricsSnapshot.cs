namespace A3C.Actors.Runtime.Metrics;

/// <summary>All actors of a system at one moment, in tree order (parents before children).</summary>
public sealed record ActorSystemSnapshot(
    string System,
    string Address,
    DateTimeOffset Timestamp,
    bool MetricsEnabled,
    long DeadLetters,
    IReadOnlyList<ActorMetricsSnapshot> Actors)
{
    /// <summary>The actor at a full path or a path without address (<c>/user/a</c>); null if absent.</summary>
    public ActorMetricsSnapshot? Find(string path) =>
        Actors.FirstOrDefault(a => a.Path == path || a.Path == Address + path);
}

/// <summary>One actor: where it sits in the tree and what it has done so far.</summary>
public sealed record ActorMetricsSnapshot(
    string Path,
    string? ParentPath,
    string ActorType,
    IReadOnlyList<string> Children,
    int MailboxDepth,
    long Processed,
    long Failures,
    long Restarts,
    long DeadLetters,
    ProcessingTimeSummary ProcessingTime);

/// <summary>
/// Processing time per message over the timed sample (<paramref name="Count"/> messages, one in
/// <c>ProcessingTimeSampleInterval</c>): mean, max, percentiles and a power-of-two histogram.
/// </summary>
public sealed record ProcessingTimeSummary(
    long Count,
    double MeanMicroseconds,
    double MaxMicroseconds,
    double P50Microseconds,
    double P99Microseconds,
    IReadOnlyList<HistogramBucket> Buckets);

/// <summary>Messages that took at most <paramref name="UpperBoundMicroseconds"/> (and more than the previous bound).</summary>
public sealed record HistogramBucket(double UpperBoundMicroseconds, long Count);
