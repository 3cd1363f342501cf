using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Monitoring;

/// <summary>
/// The per-actor metrics of one actor system: its own <see cref="System.Diagnostics.Metrics.Meter"/>
/// named <see cref="ActorMetricNames.Meter"/>, and the counters of every live
/// <see cref="InstrumentedReceiveActor"/>. Counts, failures, restarts and mailbox depths are
/// observed when a listener collects (nothing is published per message); processing time is a
/// histogram recorded for the timed sample of messages.
/// </summary>
/// <remarks>
/// Restarts are counted where they happen to an actor path: a restart in place by a supervisor
/// strategy (one per <c>PostRestart</c>), and a new incarnation at a path whose previous one was
/// stopped by a failure. The second is how a <c>BackoffSupervisor</c> restarts its child (stop,
/// then a new child of the same name after the back-off); the new incarnation continues the
/// previous one's counters, so the series of a path stay monotonic across it. A path stopped by a
/// failure is remembered until it comes back; one stopped normally is forgotten, and its series
/// disappear from the next collection.
/// </remarks>
public sealed class ActorMetrics : IExtension
{
    private readonly ConcurrentDictionary<string, ActorInstruments> _live = new();
    private readonly ConcurrentDictionary<string, ActorInstruments> _stoppedByFailure = new();
    private readonly Histogram<double> _processingTime;
    private readonly ProcessingTimeBuckets _buckets = new();
    private readonly int _timingSampleInterval;
    private long _deadLetters;

    internal ActorMetrics(ExtendedActorSystem system, ActorMetricsSetup setup)
    {
        Labels = setup.Labels;
        _timingSampleInterval = setup.TimingSampleInterval;
        Meter = new Meter(ActorMetricNames.Meter);
        _processingTime = Meter.CreateHistogram(ActorMetricNames.ProcessingTime, "s",
            "Time to process one message, over the timed sample of messages.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = _buckets.UpperBoundSeconds });
        Meter.CreateObservableGauge(ActorMetricNames.MailboxDepth, () => Observe(a => a.MailboxDepth),
            "{message}", "User messages waiting in the actor's mailbox.");
        Meter.CreateObservableCounter(ActorMetricNames.MessagesProcessed, () => Observe(a => a.Processed),
            "{message}", "Messages handed to the actor's receive, failed ones included.");
        Meter.CreateObservableCounter(ActorMetricNames.Failures, () => Observe(a => a.Failures),
            "{failure}", "Exceptions thrown by the actor's receive or its start and restart hooks.");
        Meter.CreateObservableCounter(ActorMetricNames.Restarts, () => Observe(a => a.Restarts),
            "{restart}", "Restarts by supervision, and new incarnations after a stop caused by a failure.");
        KeyValuePair<string, object?>[] systemTags =
        [
            new(ActorMetricNames.EnvironmentTag, Labels.Environment),
            new(ActorMetricNames.ModeTag, Labels.Mode),
            new(ActorMetricNames.RunTag, Labels.Run),
            new(ActorMetricNames.SystemTag, system.Name),
        ];
        Meter.CreateObservableCounter(ActorMetricNames.DeadLetters, () => new Measurement<long>(DeadLetters, systemTags),
            "{message}", "Messages sent to actors that were gone, in the whole actor system.");
        var deadLetterCounter = system.SystemActorOf(Props.Create(() => new DeadLetterCounter(this)), "a3c-dead-letter-counter");
        system.EventStream.Subscribe(deadLetterCounter, typeof(DeadLetter));
        system.RegisterOnTermination(Retire);
    }

    public static ActorMetrics Get(ActorSystem system) => system.WithExtension<ActorMetrics, ActorMetricsId>();

    public ActorMetricsLabels Labels { get; }

    /// <summary>This system's meter; every system has its own, all of the same name (see <see cref="Retire"/>).</summary>
    public Meter Meter { get; }

    /// <summary>Dead letters of the whole system since its metrics started, instrumented recipients or not.</summary>
    public long DeadLetters => Volatile.Read(ref _deadLetters);

    /// <summary>Every instrumented actor alive now, by path.</summary>
    public IReadOnlyList<ActorMetricsSnapshot> Snapshot() =>
        _live.Values.Select(a => a.Snapshot()).OrderBy(a => a.Path, StringComparer.Ordinal).ToList();

    /// <summary>The figures of the live actor at <paramref name="path"/> (without address), or null.</summary>
    public ActorMetricsSnapshot? Find(string path) => _live.TryGetValue(path, out var actor) ? actor.Snapshot() : null;

    internal ActorInstruments Started(IActorContext context, Type actorType)
    {
        var self = context.Self;
        var path = self.Path.ToStringWithoutAddress();
        var cell = (self as ActorRefWithCell)?.Underlying;
        if (_stoppedByFailure.TryRemove(path, out var previous) && previous.ActorType == actorType)
        {
            previous.Attach(cell);
            previous.CountRestart();
            _live[path] = previous;
            return previous;
        }

        var typeName = ActorTypeNames.Display(actorType);
        // In key order: listeners that sort the tags of a measurement find them sorted.
        KeyValuePair<string, object?>[] tags =
        [
            new(ActorMetricNames.ActorPathTag, path),
            new(ActorMetricNames.ActorTypeTag, typeName),
            new(ActorMetricNames.EnvironmentTag, Labels.Environment),
            new(ActorMetricNames.ModeTag, Labels.Mode),
            new(ActorMetricNames.RunTag, Labels.Run),
        ];
        var parentPath = self.Path.Parent is { } parent && parent != self.Path.Root ? parent.ToStringWithoutAddress() : null;
        var started = new ActorInstruments(path, parentPath, actorType, typeName, tags, cell, _timingSampleInterval, _processingTime, _buckets);
        _live[path] = started;
        return started;
    }

    internal ActorInstruments Restarted(IActorContext context, Type actorType)
    {
        if (!_live.TryGetValue(context.Self.Path.ToStringWithoutAddress(), out var actor))
            return Started(context, actorType); // forgotten after a failed start: Started counts the restart
        actor.CountRestart();
        return actor;
    }

    internal void Stopped(ActorInstruments actor)
    {
        _live.TryRemove(new KeyValuePair<string, ActorInstruments>(actor.Path, actor));
        if (actor.StoppedByFailure) _stoppedByFailure[actor.Path] = actor;
    }

    internal void CountDeadLetter() => Interlocked.Increment(ref _deadLetters);

    private IEnumerable<Measurement<T>> Observe<T>(Func<ActorInstruments, T> read) where T : struct
    {
        foreach (var actor in _live.Values) yield return new Measurement<T>(read(actor), actor.Tags);
    }

    /// <summary>
    /// Forgets every actor once the system terminated, so its series leave the next collection.
    /// The meter is not disposed: OpenTelemetry merges the same-named instruments of every system
    /// in the process into one stream, and disposing one system's meter ends that stream for all
    /// of them (measured: the other systems' series vanished from the second scrape on).
    /// </summary>
    private void Retire()
    {
        _live.Clear();
        _stoppedByFailure.Clear();
    }
}
