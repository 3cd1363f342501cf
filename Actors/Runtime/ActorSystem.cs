using A3C.Actors.Runtime.Event;
using A3C.Actors.Runtime.Metrics;

namespace A3C.Actors.Runtime;

/// <summary>
/// A named tree of actors with its dispatcher, event stream, dead letters and metrics.
/// <c>/user</c> holds what <see cref="ActorOf"/> creates; <see cref="Terminate"/> stops the tree
/// top-down and completes <see cref="WhenTerminated"/> when the last actor has stopped.
/// </summary>
public sealed class ActorSystem
{
    internal const string UserGuardianName = "user";
    internal const string SystemGuardianName = "system";

    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorCell _userGuardian;
    private readonly IDisposable? _stdErrLogger;
    private Func<ActorPath, IActorRef?>? _remotePathResolver;
    private long _nextTempName;
    private long _nextUid;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        Address = Address.Local(name);
        EventStream = new EventStream();
        if (settings.LogToStdErr) _stdErrLogger = StandardErrorLogger.Attach(EventStream);
        Metrics = new ActorSystemMetrics(this);
        Log = new BusLogging(EventStream, $"ActorSystem({name})", typeof(ActorSystem), settings.LogLevel);

        var rootPath = ActorPath.RootOf(Address);
        DeadLetters = new DeadLetterActorRef(this, rootPath / "deadLetters");
        var rootParent = new RootParentRef(rootPath / "bubble-walker", OnRootStopped,
            cause => Log.Error(cause, $"The root guardian failed; shutting down: {cause.Message}"));

        RootCell = new ActorCell(this, Props.Create<RootGuardianActor>(), rootParent, rootPath, MailboxSettings.Unbounded,
            DispatcherOf(Props.DefaultDispatcher));
        _userGuardian = ((LocalActorRef)RootCell.ActorOf(Props.Create<GuardianActor>(), UserGuardianName)).Cell;
        SystemGuardian = RootCell.ActorOf(Props.Create<GuardianActor>(), SystemGuardianName);
        RootCell.Start();
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public Address Address { get; }

    public EventStream EventStream { get; }

    public IActorRef DeadLetters { get; }

    public ActorSystemMetrics Metrics { get; }

    public ILoggingAdapter Log { get; }

    /// <summary>Parent of runtime-internal actors (<c>/system</c>).</summary>
    public IActorRef SystemGuardian { get; }

    internal ActorCell RootCell { get; }

    /// <summary>Completes once every actor has stopped after <see cref="Terminate"/>.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Creates a system from the <c>a3c.actor</c> section of a HOCON config.</summary>
    public static ActorSystem Create(string name, Configuration.Config config) => Create(name, ActorSystemConfig.FromConfig(config));

    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Actor system name '{name}' is invalid: use ASCII letters, digits, '-' and '_'.", nameof(name));
        settings ??= ActorSystemSettings.Default;
        if (settings.Throughput < 1)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Throughput, "ActorSystemSettings.Throughput must be at least 1.");
        foreach (var (dispatcherName, dispatcher) in settings.Dispatchers)
        {
            if (dispatcher.Throughput < 1)
                throw new ArgumentOutOfRangeException(nameof(settings), dispatcher.Throughput, $"Dispatchers['{dispatcherName}'].Throughput must be at least 1.");
        }
        if (settings.ProcessingTimeSampleInterval < 1 || !int.IsPow2(settings.ProcessingTimeSampleInterval))
            throw new ArgumentOutOfRangeException(nameof(settings), settings.ProcessingTimeSampleInterval,
                "ActorSystemSettings.ProcessingTimeSampleInterval must be a power of two (1, 2, 4, ...).");
        return new ActorSystem(name, settings);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    public ActorSelection ActorSelection(string path) => new(this, _userGuardian.Self, path);

    /// <summary>
    /// Lets a transport (remoting) answer <see cref="ActorSelection"/>s for paths with another
    /// address than <see cref="Address"/>. One at a time; dispose the result to remove it.
    /// </summary>
    public IDisposable SetRemotePathResolver(Func<ActorPath, IActorRef?> resolver)
    {
        if (Interlocked.CompareExchange(ref _remotePathResolver, resolver, null) is not null)
            throw new InvalidOperationException($"{this} already has a remote path resolver (is remoting started twice?).");
        return new RemotePathResolverRegistration(this, resolver);
    }

    internal IActorRef? ResolveRemotePath(ActorPath path) => Volatile.Read(ref _remotePathResolver)?.Invoke(path);

    private sealed class RemotePathResolverRegistration(ActorSystem system, Func<ActorPath, IActorRef?> resolver) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref system._remotePathResolver, null, resolver);
    }

    /// <summary>Stops an actor asynchronously; queued messages go to dead letters.</summary>
    public void Stop(IActorRef actor) => ((ActorRefBase)actor).SendSystemMessage(new Terminate());

    /// <summary>Stops <c>/user</c> (children first), then <c>/system</c>; completes with <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        _userGuardian.Self.SendSystemMessage(new Terminate());
        return WhenTerminated;
    }

    internal DispatcherSettings DispatcherOf(string dispatcher)
    {
        if (dispatcher == Props.DefaultDispatcher) return new DispatcherSettings(Settings.Throughput, Settings.PreferLocalQueue);
        return Settings.Dispatchers.TryGetValue(dispatcher, out var settings)
            ? settings
            : throw new ArgumentException(
                $"Dispatcher '{dispatcher}' is not configured; known: default{string.Concat(Settings.Dispatchers.Keys.Select(k => ", " + k))}.");
    }

    internal long NextUid() => Interlocked.Increment(ref _nextUid);

    internal ActorPath NewTempPath() =>
        ActorPath.RootOf(Address) / "temp" / ("$" + Interlocked.Increment(ref _nextTempName).ToString("x"));

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        Metrics.CountDeadLetter();
        var letter = new DeadLetter(message, sender, recipient);
        if (Settings.LogDeadLetters)
            Log.Info($"Message {message.GetType().Name} from {sender?.Path.ToString() ?? "no sender"} to {recipient.Path} was not delivered.");
        EventStream.Publish(letter);
    }

    private void OnRootStopped()
    {
        Metrics.Dispose();
        _stdErrLogger?.Dispose();
        _terminated.TrySetResult();
    }

    public override string ToString() => $"ActorSystem({Name})";
}
