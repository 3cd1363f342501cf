using System.Collections.Concurrent;
using A3C.Actors.Runtime.Event;
using A3C.Actors.Runtime.Metrics;
using A3C.Actors.Runtime.Supervision;
using A3C.Actors.Runtime.Timers;

namespace A3C.Actors.Runtime;

/// <summary>
/// The runtime side of one actor: its mailbox, current instance, behavior stack, children,
/// watchers and supervision state. Everything here except the mailbox and the children map is
/// touched only by the thread running the actor's current turn.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    // The cell whose turn runs on this thread, so Tell/Forward know the implicit sender, and the
    // cell whose actor is being constructed, so ActorBase can bind to it. Thread-local and always
    // restored, as in Akka; not shared state.
    [ThreadStatic] private static ActorCell? t_current;
    [ThreadStatic] private static ActorCell? t_constructing;

    private readonly ConcurrentDictionary<string, LocalActorRef> _children = new(StringComparer.Ordinal);
    private readonly List<Receive> _behaviors = [];
    private Receive? _receive;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private SupervisorStrategy _strategy = SupervisorStrategy.Default;
    private TimerScheduler? _timers;
    private long _nextChildName;

    public ActorCell(ActorSystem system, Props props, ActorRefBase parent, ActorPath path, MailboxSettings mailbox, DispatcherSettings dispatcher)
    {
        System = system;
        Props = props;
        Parent = parent;
        Mailbox = new Mailbox(mailbox, dispatcher);
        Mailbox.Attach(this);
        Self = new LocalActorRef(this, path, system.NextUid());
        Metrics = system.Settings.MetricsEnabled ? new ActorMetrics(system.Metrics, path, system.Settings.ProcessingTimeSampleInterval) : null;
    }

    internal static ActorCell? Current
    {
        get => t_current;
        set => t_current = value;
    }

    internal static ActorCell? Constructing => t_constructing;

    public LocalActorRef Self { get; }

    IActorRef IActorContext.Self => Self;

    public ActorSystem System { get; }

    public Props Props { get; }

    public ActorRefBase Parent { get; }

    IActorRef IActorContext.Parent => Parent;

    public Mailbox Mailbox { get; }

    public ActorMetrics? Metrics { get; }

    public ActorPath Path => Self.Path;

    public IActorRef Sender => _currentSender ?? System.DeadLetters;

    /// <summary>Type of the current (or last) actor instance, for logs and metrics.</summary>
    public Type ActorType => Props.ActorType;

    public void Start() => Mailbox.PostSystem(new Create());

    /// <summary>Processes one user message. Any exception becomes a failure reported to the parent.</summary>
    public void Invoke(Envelope envelope)
    {
        _currentMessage = envelope.Message;
        _currentSender = envelope.Sender;
        try
        {
            if (envelope.Message is IAutoReceivedMessage auto) AutoReceive(auto);
            else if (!_receive!(envelope.Message)) _actor!.Unhandled(envelope.Message);
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
        finally
        {
            if (_asyncHandler is null)
            {
                _currentMessage = null;
                _currentSender = null;
            }
        }
    }

    private void AutoReceive(IAutoReceivedMessage message)
    {
        switch (message)
        {
            case Terminated terminated:
                // Dropped when Unwatch came after the notification was queued.
                if (_terminatedQueued.Remove(terminated.ActorRef) && !_receive!(terminated)) _actor!.Unhandled(terminated);
                break;
            case PoisonPill:
                Stop(Self);
                break;
            case Kill:
                throw new ActorKilledException($"[{Path}] received Kill.");
            case TimerMessage timer:
                if (_timers is not null && _timers.TryTake(timer, out var scheduled))
                {
                    _currentMessage = scheduled;
                    if (!_receive!(scheduled)) _actor!.Unhandled(scheduled);
                }
                break;
            default:
                if (!_receive!(message)) _actor!.Unhandled(message);
                break;
        }
    }

    /// <summary>Processes one system message; they run even while user messages are suspended.</summary>
    public void SystemInvoke(SystemMessage message)
    {
        if (_state == CellState.Terminated)
        {
            SystemInvokeAfterStop(message);
            return;
        }
        try
        {
            switch (message)
            {
                case Create: CreateActor(); break;
                case Recreate recreate: FaultRecreate(recreate.Cause); break;
                case Resume: FaultResume(); break;
                case Terminate: BeginTerminate(); break;
                case Failed failed: HandleFailed(failed); break;
                case Watch watch: AddWatcher(watch); break;
                case Unwatch unwatch: RemoveWatcher(unwatch); break;
                case DeathWatchNotification notification: WatchedActorTerminated(notification.Actor, notification.ExistenceConfirmed); break;
                case ChildTerminated child: HandleChildTerminated(child.Child); break;
                case AsyncHandlerCompleted completed: AsyncHandlerFinished(completed.Handler); break;
                case RunContinuation continuation: RunContinuation(continuation); break;
            }
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
    }

    /// <summary>A system message for an actor that has stopped: only a late Watch needs an answer.</summary>
    public void SystemInvokeAfterStop(SystemMessage message)
    {
        if (message is Watch watch && !watch.Watcher.Equals(Self))
            ((ActorRefBase)watch.Watcher).SendSystemMessage(new DeathWatchNotification(Self, ExistenceConfirmed: true));
    }

    private void CreateActor()
    {
        try
        {
            NewActor();
            _actor!.PreStart();
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(new ActorInitializationException(Path, "Exception during creation", exception));
        }
    }

    private void NewActor()
    {
        _behaviors.Clear();
        var previous = t_constructing;
        t_constructing = this;
        ActorBase actor;
        try
        {
            actor = Props.NewActor();
        }
        finally
        {
            t_constructing = previous;
        }
        actor.OnConstructed();
        _actor = actor;
        if (actor is IWithTimers withTimers) withTimers.Timers = _timers ??= new TimerScheduler(Self);
        _strategy = Props.SupervisorStrategy ?? actor.SupervisorStrategy();
        Become(actor.Receive);
    }

    public void Become(Receive receive)
    {
        if (_behaviors.Count > 0) _behaviors.RemoveAt(_behaviors.Count - 1);
        BecomeStacked(receive);
    }

    public void BecomeStacked(Receive receive)
    {
        _behaviors.Add(receive);
        _receive = receive;
    }

    public void UnbecomeStacked()
    {
        // The initial behavior always stays at the bottom.
        if (_behaviors.Count > 1) _behaviors.RemoveAt(_behaviors.Count - 1);
        _receive = _behaviors[^1];
    }

    public ILoggingAdapter GetLogger() => new BusLogging(System.EventStream, Path.ToString(), ActorType, System.Settings.LogLevel);

    public ActorSelection ActorSelection(string path) => new(System, Self, path);

    public override string ToString() => $"ActorCell[{Path}]";
}
