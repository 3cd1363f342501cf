namespace A3C.Actors.Runtime;

/// <summary>The parent of user-created (<c>/user</c>) or runtime (<c>/system</c>) top-level actors.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => false;

    // A restart must not stop every top-level actor; the guardian itself has no state.
    protected internal override void PreRestart(Exception reason, object? message)
    {
    }
}

/// <summary>
/// The root of the tree. Shutdown is ordered: stopping <c>/user</c> (which stops its children
/// top-down) is followed by <c>/system</c>, then the root, then the system counts as terminated.
/// </summary>
internal sealed class RootGuardianActor : ActorBase
{
    protected internal override void PreStart()
    {
        Context.Watch(Context.Child(ActorSystem.UserGuardianName)!);
        Context.Watch(Context.Child(ActorSystem.SystemGuardianName)!);
    }

    protected internal override bool Receive(object message)
    {
        if (message is not Terminated terminated) return false;
        if (terminated.ActorRef.Path.Name == ActorSystem.UserGuardianName)
            Context.Stop(Context.Child(ActorSystem.SystemGuardianName) ?? Self);
        else
            Context.Stop(Self);
        return true;
    }

    protected internal override Supervision.SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.Stopping;
}
