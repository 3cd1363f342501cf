using A3C.Actors.Runtime.Event;

namespace A3C.Actors.Runtime;

/// <summary>
/// Everything an <see cref="ActorSystem"/> needs to start, as plain values; the host binds these
/// from HOCON (<c>a3c.actor.*</c>).
/// </summary>
public sealed record ActorSystemSettings
{
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>Messages an actor processes per turn before giving its thread back (Akka's <c>throughput</c>).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>
    /// Queue the turn of an actor woken by a message on the sending worker's local queue (as .NET
    /// does for tasks) rather than the global one: actors that talk in pairs then run back to back
    /// on one core. An actor continuing its own work always goes back to the global queue.
    /// </summary>
    public bool PreferLocalQueue { get; init; } = true;

    /// <summary>Named dispatchers that <see cref="Props.WithDispatcher"/> can pick; "default" uses <see cref="Throughput"/>.</summary>
    public IReadOnlyDictionary<string, DispatcherSettings> Dispatchers { get; init; } =
        new Dictionary<string, DispatcherSettings>();

    /// <summary>Mailbox for actors whose props do not choose one.</summary>
    public MailboxSettings DefaultMailbox { get; init; } = MailboxSettings.Unbounded;

    /// <summary>Per-actor counters and the <c>A3C.Actors</c> meter.</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>
    /// Time one message in this many (a power of two; 1 times every message) for the processing-time
    /// histogram. Reading the clock costs ~50 ns on a VM, as much as a small message; counts stay exact.
    /// </summary>
    public int ProcessingTimeSampleInterval { get; init; } = 64;

    /// <summary>Lowest level that loggers publish to the event stream.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>Whether a subscriber prints published log events to standard error.</summary>
    public bool LogToStdErr { get; init; } = true;

    /// <summary>Whether dead letters are logged (at Info) besides being published.</summary>
    public bool LogDeadLetters { get; init; }
}

/// <summary>A named dispatcher: all dispatchers share the .NET thread pool and differ in fairness.</summary>
public sealed record DispatcherSettings(int Throughput, bool PreferLocalQueue = true);
