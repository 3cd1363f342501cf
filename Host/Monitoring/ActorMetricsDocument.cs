using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Host.Monitoring;

/// <summary>
/// The <c>/api/actors</c> document of an Akka.NET actor system, from its per-actor metrics
/// (<see cref="ActorMetrics.Snapshot"/>), in the shape the dashboard and <c>a3c metrics</c> read:
/// full paths, tree order, depth counted from the root as before.
/// </summary>
/// <remarks>
/// Only instrumented actors are listed; a parent that is not (a guardian, a backoff supervisor)
/// is still named as the parent but has no entry. Dead letters are counted for the system, not per actor.
/// </remarks>
public static class ActorMetricsDocument
{
    public static ActorsDocument Describe(ActorSystem system, ThroughputTracker throughput, IReadOnlyList<NodeDocument> nodes)
    {
        var address = ((ExtendedActorSystem)system).Provider.DefaultAddress.ToString();
        var timestamp = DateTimeOffset.UtcNow;
        var metrics = ActorMetrics.Get(system);
        var snapshot = metrics.Snapshot();
        var children = snapshot.Where(a => a.ParentPath is not null)
            .ToLookup(a => a.ParentPath!, a => address + a.Path, StringComparer.Ordinal);

        var actors = new List<ActorDocument>(snapshot.Count);
        foreach (var a in TreeOrder(snapshot))
        {
            var time = a.ProcessingTime;
            actors.Add(new ActorDocument(address + a.Path, a.ParentPath is null ? null : address + a.ParentPath,
                a.Path.Count(c => c == '/'), a.ActorType, children[a.Path].Order(StringComparer.Ordinal).ToList(),
                a.MailboxDepth, a.Processed, throughput.Observe(a.Path, a.Processed, timestamp), a.Failures, a.Restarts,
                DeadLetters: 0,
                new ProcessingTimeDocument(time.Timed, time.MeanMicroseconds, time.P50Microseconds, time.P99Microseconds, time.MaxMicroseconds)));
        }
        throughput.Retain(snapshot.Select(a => a.Path).ToHashSet(StringComparer.Ordinal));
        return new ActorsDocument(ActorsDocument.ServiceName, system.Name, address, timestamp, MetricsEnabled: true, metrics.DeadLetters, actors)
        {
            Nodes = nodes,
        };
    }

    /// <summary>Each actor followed by its subtree: sorting by path segments keeps a subtree together.</summary>
    private static IEnumerable<ActorMetricsSnapshot> TreeOrder(IEnumerable<ActorMetricsSnapshot> actors) =>
        actors.OrderBy(a => a.Path.Split('/'), SegmentComparer.Instance);

    private sealed class SegmentComparer : IComparer<string[]>
    {
        public static readonly SegmentComparer Instance = new();

        public int Compare(string[]? x, string[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
                if (string.CompareOrdinal(x[i], y[i]) is var order and not 0) return order;
            return x.Length.CompareTo(y.Length);
        }
    }
}
