namespace A3C.Actors.Runtime;

/// <summary>The root's parent: no actor, just the end of the chain that learns when the root has stopped.</summary>
internal sealed class RootParentRef(ActorPath path, Action rootStopped, Action<Exception> rootFailed) : ActorRefBase
{
    public override ActorPath Path { get; } = path;

    public override void Tell(object message, IActorRef? sender)
    {
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case ChildTerminated:
                rootStopped();
                break;
            case Failed failed:
                rootFailed(failed.Cause);
                ((ActorRefBase)failed.Child).SendSystemMessage(new Terminate());
                break;
        }
    }
}
