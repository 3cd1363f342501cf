using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// Where the learner hands its checkpoints: a <c>Tell</c>, so handing over costs the learner only
/// the copy of its state. The keeper has at most one snapshot being written; a newer state arriving
/// meanwhile replaces the one waiting, since only the newest is worth storing. A state that could
/// not be stored is kept and tried again with a growing pause until it is stored or a newer one
/// replaces it, and whoever asks for <see cref="FlushCheckpoints"/> learns what was not stored.
/// Each outcome is published on the event stream as <see cref="CheckpointStored"/> or
/// <see cref="CheckpointNotStored"/>.
/// </summary>
public sealed class CheckpointKeeper : ReceiveActor, IWithTimers
{
    private const string RetryTimer = "retry";
    private const string WriteTimeoutTimer = "write-timeout";

    private sealed record Retry;

    private sealed record WriteTimedOut(long Step);

    private readonly string _run;
    private readonly int _keep;
    private readonly CheckpointKeeperTimings _timings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _flushWaiters = [];
    private RunStarted? _started;
    private IActorRef? _writer;
    private int _writers;
    private LearnerState? _inFlight;
    private LearnerState? _waiting;
    private int _failures;
    private long? _lastStoredStep;
    private string? _lastProblem;

    public CheckpointKeeper(string run, int keep, RunStarted? started, CheckpointKeeperTimings timings)
    {
        _run = run;
        _keep = keep;
        _started = started;
        _timings = timings;

        Receive<TakeCheckpoint>(take => Offer(take.State));
        Receive<CheckpointStored>(OnStored);
        Receive<CheckpointNotStored>(OnNotStored);
        Receive<Retry>(_ => SendNext());
        Receive<WriteTimedOut>(timedOut => timedOut.Step == _inFlight?.Step,
            timedOut => OnNotStored(new CheckpointNotStored(_run, timedOut.Step, $"no answer from the snapshot store within {_timings.WriteTimeout}")));
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_writer), _ => OnWriterStopped());
        Receive<FlushCheckpoints>(_ =>
        {
            _flushWaiters.Add(Sender);
            // Stopping: a state waiting for its retry is tried now, once more.
            if (_inFlight is null && _waiting is not null) SendNext();
            AnswerFlushWhenDone();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool Flushing => _flushWaiters.Count > 0;

    public static Props Props(string run, int keep, RunStarted? started, CheckpointKeeperTimings? timings = null) =>
        Akka.Actor.Props.Create(() => new CheckpointKeeper(run, keep, started, timings ?? CheckpointKeeperTimings.Default));

    protected override void PreStart() => StartWriter();

    // A writer that throws is replaced by OnWriterStopped, which keeps the state it held.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void StartWriter()
    {
        _writer = Context.ActorOf(RunCheckpoints.Props(_run, _keep, _started, Self), $"journal-{++_writers}");
        Context.Watch(_writer);
    }

    private void Offer(LearnerState state)
    {
        _waiting = state; // replaces an older one still waiting: only the newest is worth storing
        if (_inFlight is null && !Timers.IsTimerActive(RetryTimer)) SendNext();
    }

    private void SendNext()
    {
        if (_inFlight is not null || _waiting is null) return;
        if (_writer is null) StartWriter();
        _inFlight = _waiting;
        _waiting = null;
        _writer!.Tell(new StoreCheckpoint(_inFlight));
        Timers.StartSingleTimer(WriteTimeoutTimer, new WriteTimedOut(_inFlight.Step), _timings.WriteTimeout);
    }

    private void OnStored(CheckpointStored stored)
    {
        if (_inFlight?.Step != stored.Step) return;
        _started = null; // journalled along with the first checkpoint's writer
        Timers.Cancel(WriteTimeoutTimer);
        _inFlight = null;
        _failures = 0;
        _lastStoredStep = stored.Step;
        Context.System.EventStream.Publish(stored);
        SendNext();
        AnswerFlushWhenDone();
    }

    private void OnNotStored(CheckpointNotStored notStored)
    {
        if (_inFlight is not { } failed || failed.Step != notStored.Step) return;
        Timers.Cancel(WriteTimeoutTimer);
        _inFlight = null;
        var newerWaiting = _waiting is not null;
        _waiting ??= failed; // kept until stored, unless a newer one came meanwhile
        _failures++;
        _lastProblem = notStored.Reason;
        _log.Info("run '{0}': the checkpoint of step {1} was not stored: {2}; the newest state is kept and tried again", _run, notStored.Step, notStored.Reason);
        Context.System.EventStream.Publish(notStored);
        // Stopping: a newer state not yet tried gets its one try; then what is lost is reported rather than retried forever.
        if (Flushing && newerWaiting) SendNext();
        else if (Flushing) AnswerFlush();
        else Timers.StartSingleTimer(RetryTimer, new Retry(), _timings.RetryDelay(_failures));
    }

    private void OnWriterStopped()
    {
        _writer = null;
        if (_inFlight is { } lost)
            OnNotStored(new CheckpointNotStored(_run, lost.Step, "the checkpoint journal stopped after a failed write"));
        // The next SendNext starts a new writer, which recovers the history from the journal.
    }

    private void AnswerFlushWhenDone()
    {
        if (Flushing && _inFlight is null && _waiting is null) AnswerFlush();
    }

    private void AnswerFlush()
    {
        var unstored = _inFlight?.Step ?? _waiting?.Step;
        var answer = new CheckpointsFlushed(_lastStoredStep, unstored, unstored is null ? null : _lastProblem);
        foreach (var waiter in _flushWaiters) waiter.Tell(answer);
        _flushWaiters.Clear();
    }
}
