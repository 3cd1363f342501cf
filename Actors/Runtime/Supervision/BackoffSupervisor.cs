namespace A3C.Actors.Runtime.Supervision;

/// <summary>
/// A parent that restarts its one child after a growing, jittered pause instead of at once, so a
/// child failing on an unavailable resource does not spin. Messages sent to the supervisor are
/// forwarded to the child (to dead letters while it is down). A child that stops without failing
/// stops the supervisor too.
/// </summary>
public sealed class BackoffSupervisor : ReceiveActor, IWithTimers
{
    /// <summary>Replies with <see cref="CurrentChild"/>.</summary>
    public sealed record GetCurrentChild;

    public sealed record CurrentChild(IActorRef? Ref);

    /// <summary>Replies with <see cref="RestartCount"/>.</summary>
    public sealed record GetRestartCount;

    public sealed record RestartCount(int Count);

    private sealed record StartChild;

    private sealed record ResetBackoff;

    private const string StartChildTimer = "start-child";
    private const string ResetTimer = "reset-backoff";

    private readonly BackoffOptions _options;
    private IActorRef? _child;
    private int _restartCount;
    private bool _childFailed;

    public static Props Props(BackoffOptions options)
    {
        options.Validate();
        return Runtime.Props.Create(() => new BackoffSupervisor(options));
    }

    private BackoffSupervisor(BackoffOptions options)
    {
        _options = options;
        Receive<Terminated>(t => t.ActorRef.Equals(_child), OnChildTerminated);
        Receive<StartChild>(_ => StartNewChild());
        Receive<ResetBackoff>(_ => _restartCount = 0);
        Receive<GetCurrentChild>(_ => Sender.Tell(new CurrentChild(_child), Self));
        Receive<GetRestartCount>(_ => Sender.Tell(new RestartCount(_restartCount), Self));
        ReceiveAny(message =>
        {
            if (_child is not null) _child.Forward(message);
            else Context.System.DeadLetters.Tell(message, Sender);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected internal override void PreStart() => StartNewChild();

    /// <summary>A failing child is stopped (and noted), so the restart can wait for its backoff.</summary>
    protected internal override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(cause =>
        {
            _childFailed = true;
            return Directive.Stop;
        });

    private void StartNewChild()
    {
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        Timers.StartSingleTimer(ResetTimer, new ResetBackoff(), _options.ResetAfter);
    }

    private void OnChildTerminated(Terminated terminated)
    {
        _child = null;
        Timers.Cancel(ResetTimer);
        if (!_childFailed)
        {
            Context.Stop(Self);
            return;
        }
        _childFailed = false;
        var delay = _options.DelayFor(_restartCount, Random.Shared.NextDouble());
        _restartCount++;
        Timers.StartSingleTimer(StartChildTimer, new StartChild(), delay);
    }
}
