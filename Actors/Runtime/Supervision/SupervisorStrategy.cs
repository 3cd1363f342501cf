using System.Diagnostics;
using A3C.Actors.Runtime.Event;

namespace A3C.Actors.Runtime.Supervision;

/// <summary>
/// How an actor treats its failing children: a decider maps the exception to a
/// <see cref="Directive"/>, and restarts are limited to <see cref="MaxNrOfRetries"/> within
/// <see cref="WithinTimeRange"/>, after which the child is stopped.
/// </summary>
public abstract class SupervisorStrategy(Func<Exception, Directive> decider, int maxNrOfRetries, TimeSpan? withinTimeRange, bool loggingEnabled)
{
    /// <summary>Akka's default: one-for-one, Restart on any exception, no retry limit.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops the failing child whatever the exception.</summary>
    public static SupervisorStrategy Stopping { get; } = new OneForOneStrategy(_ => Directive.Stop);

    public int MaxNrOfRetries { get; } = maxNrOfRetries;

    public TimeSpan? WithinTimeRange { get; } = withinTimeRange;

    public bool LoggingEnabled { get; } = loggingEnabled;

    /// <summary>Stop when creation failed, on Kill and on a death pact; Restart otherwise.</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    public Directive Decide(Exception cause) => decider(cause);

    /// <summary>Applies Restart or Stop to the failed child (and, for all-for-one, its siblings).</summary>
    internal abstract void ProcessFailure(ActorCell supervisor, bool restart, IActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyList<(IActorRef Child, ChildRestartStats Stats)> children);

    private protected bool MayRestart(ChildRestartStats stats) =>
        stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, Stopwatch.GetTimestamp());

    internal void LogFailure(EventStream events, IActorRef child, Exception cause, Directive directive, LogLevel minimum)
    {
        if (!LoggingEnabled || directive == Directive.Escalate) return;
        var level = directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error;
        if (level < minimum) return;
        var message = $"{cause.GetType().Name}: {cause.Message} (supervisor decided {directive})";
        events.Publish(new LogEvent(level, DateTimeOffset.UtcNow, child.Path.ToString(), GetType(), message, cause));
    }
}
