using A3C.Actors.Cluster;
using A3C.Actors.Runtime;
using A3C.Actors.Training.Messages;
using A3C.Host.Telemetry;

namespace A3C.Host.Monitoring;

/// <summary>
/// What the endpoint reports about one actor system: its actors (read from the live tree on each
/// request) and the training progress it has published, kept in a <see cref="TrainingHistory"/>.
/// </summary>
public sealed class MonitoredNode : IDisposable
{
    private readonly ActorSystem _system;
    private readonly ThroughputTracker _throughput = new();
    private readonly IDisposable _subscription;
    private readonly ClusterNode? _cluster;

    /// <param name="cluster">This node's cluster membership, when it is part of one.</param>
    public MonitoredNode(ActorSystem system, int historyLength, ClusterNode? cluster = null)
    {
        _system = system;
        _cluster = cluster;
        History = new TrainingHistory(historyLength);
        _subscription = system.EventStream.Subscribe<TrainingProgress>(History.Add);
    }

    public TrainingHistory History { get; }

    public string SystemName => _system.Name;

    public string PrometheusText() =>
        PrometheusTextWriter.Render(_system.Metrics.Snapshot(), History.Latest, ProcessStatistics.Capture(), Nodes());

    /// <summary>The cluster's members with their links and contributions; empty for a node on its own.</summary>
    public IReadOnlyList<NodeDocument> Nodes() => ClusterNodes.Describe(_cluster, History.Latest);

    public ActorsDocument Actors()
    {
        var snapshot = _system.Metrics.Snapshot();
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        var actors = new List<ActorDocument>(snapshot.Actors.Count);
        foreach (var a in snapshot.Actors)
        {
            // Tree order puts a parent before its children, so its depth is known by now.
            var depth = a.ParentPath is not null && depths.TryGetValue(a.ParentPath, out var parentDepth) ? parentDepth + 1 : 0;
            depths[a.Path] = depth;
            var time = a.ProcessingTime;
            actors.Add(new ActorDocument(a.Path, a.ParentPath, depth, ActorTypeName.Display(a.ActorType), a.Children, a.MailboxDepth, a.Processed,
                _throughput.Observe(a.Path, a.Processed, snapshot.Timestamp), a.Failures, a.Restarts, a.DeadLetters,
                new ProcessingTimeDocument(time.Count, time.MeanMicroseconds, time.P50Microseconds, time.P99Microseconds, time.MaxMicroseconds)));
        }
        _throughput.Retain(depths.Keys.ToHashSet(StringComparer.Ordinal));
        return new ActorsDocument(ActorsDocument.ServiceName, snapshot.System, snapshot.Address, snapshot.Timestamp,
            snapshot.MetricsEnabled, snapshot.DeadLetters, actors) { Nodes = Nodes() };
    }

    public TrainingDocument Training() => new(
        ActorsDocument.ServiceName,
        History.Capacity,
        TrainingScalar.All.Select(s => s.Name).ToList(),
        History.Records().Select(ToPoint).ToList());

    /// <summary>JSON has no NaN or infinity: a figure that is not finite is reported as null.</summary>
    private static IReadOnlyDictionary<string, double?> ToPoint(TrainingProgress progress)
    {
        var point = new Dictionary<string, double?>(TrainingScalar.All.Count, StringComparer.Ordinal);
        foreach (var scalar in TrainingScalar.All)
            point[scalar.Name] = scalar.Read(progress) is { } value && double.IsFinite(value) ? value : null;
        return point;
    }

    public void Dispose() => _subscription.Dispose();
}
