using A3C.Actors.Runtime;

namespace A3C.Actors.Remote;

/// <summary>
/// What a path from the wire resolves to when no such actor (or incarnation) lives here: messages
/// become dead letters and a watch is answered at once with "terminated, existence not confirmed".
/// </summary>
internal sealed class MissingActorRef(ActorPath path, long uid, IActorRef deadLetters) : ActorRefBase
{
    public override ActorPath Path { get; } = path;

    public override long Uid { get; } = uid;

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender) => deadLetters.Tell(message, sender);

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
            ((ActorRefBase)watch.Watcher).SendSystemMessage(new DeathWatchNotification(watch.Watchee, ExistenceConfirmed: false));
    }
}
