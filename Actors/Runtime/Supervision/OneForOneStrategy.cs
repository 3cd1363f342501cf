namespace A3C.Actors.Runtime.Supervision;

/// <summary>The directive applies to the failed child only.</summary>
public sealed class OneForOneStrategy(
    Func<Exception, Directive> decider,
    int maxNrOfRetries = -1,
    TimeSpan? withinTimeRange = null,
    bool loggingEnabled = true)
    : SupervisorStrategy(decider, maxNrOfRetries, withinTimeRange, loggingEnabled)
{
    internal override void ProcessFailure(ActorCell supervisor, bool restart, IActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyList<(IActorRef Child, ChildRestartStats Stats)> children)
    {
        if (restart && MayRestart(stats)) supervisor.RestartChild(child, cause);
        else supervisor.Stop(child);
    }
}
