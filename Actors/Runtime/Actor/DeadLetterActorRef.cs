namespace A3C.Actors.Runtime;

/// <summary>Where undeliverable messages go: each becomes a <see cref="Runtime.DeadLetter"/> on the event stream.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : ActorRefBase
{
    public override ActorPath Path { get; } = path;

    public override void Tell(object message, IActorRef? sender) =>
        system.PublishDeadLetter(message is DeadLetter d ? d.Message : message, sender, this);

    public override void SendSystemMessage(SystemMessage message)
    {
        // Watching something that is not there: it is already dead.
        if (message is Watch watch)
            ((ActorRefBase)watch.Watcher).SendSystemMessage(new DeathWatchNotification(watch.Watchee, ExistenceConfirmed: false));
    }
}
