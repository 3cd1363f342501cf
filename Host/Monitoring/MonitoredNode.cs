using A3C.Actors.Monitoring;
using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using A3C.Host.Telemetry;
using Akka.Actor;

namespace A3C.Host.Monitoring;

/// <summary>
/// What the endpoint reports about one actor system: its instrumented actors, read from its actor
/// metrics on each request, and the training progress it has published, kept in a
/// <see cref="TrainingHistory"/>.
/// </summary>
public sealed class MonitoredNode : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly ThroughputTracker _throughput = new();
    private readonly IAsyncDisposable _subscription;

    public MonitoredNode(ActorSystem system, int historyLength)
    {
        _system = system;
        // Started now rather than at the first instrumented actor or request: dead letters count from here.
        ActorMetrics.Get(system);
        History = new TrainingHistory(historyLength);
        _subscription = EventStreamListener.Start<TrainingProgress>(system, History.Add);
    }

    public TrainingHistory History { get; }

    public string SystemName => _system.Name;

    public string PrometheusText() => PrometheusTextWriter.Render(History.Latest, ProcessStatistics.Capture(), Nodes());

    /// <summary>The cluster's members with their links and contributions; empty for a node on its own.</summary>
    public IReadOnlyList<NodeDocument> Nodes() => [];

    /// <summary>The system's instrumented actors (<c>InstrumentedReceiveActor</c>), from its actor metrics.</summary>
    public ActorsDocument Actors() => ActorMetricsDocument.Describe(_system, _throughput, Nodes());

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

    public ValueTask DisposeAsync() => _subscription.DisposeAsync();
}
