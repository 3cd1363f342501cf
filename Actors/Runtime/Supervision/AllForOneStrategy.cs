namespace A3C.Actors.Runtime.Supervision;

/// <summary>The directive applies to every child of the supervisor: one fails, all restart (or stop).</summary>
public sealed class AllForOneStrategy(
    Func<Exception, Directive> decider,
    int maxNrOfRetries = -1,
    TimeSpan? withinTimeRange = null,
    bool loggingEnabled = true)
    : SupervisorStrategy(decider, maxNrOfRetries, withinTimeRange, loggingEnabled)
{
    internal override void ProcessFailure(ActorCell supervisor, bool restart, IActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyList<(IActorRef Child, ChildRestartStats Stats)> children)
    {
        if (restart && MayRestart(stats))
        {
            foreach (var (sibling, _) in children) supervisor.RestartChild(sibling, cause);
        }
        else
        {
            foreach (var (sibling, _) in children) supervisor.Stop(sibling);
        }
    }
}
