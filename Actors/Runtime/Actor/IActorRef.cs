namespace A3C.Actors.Runtime;

/// <summary>
/// A handle to an actor, wherever it lives. Messages are delivered asynchronously; a ref never
/// exposes the actor instance. Local and (later) remote refs share this contract.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    ActorPath Path { get; }

    /// <summary>Sends <paramref name="message"/>; <paramref name="sender"/> is what the receiver sees as <c>Sender</c>.</summary>
    void Tell(object message, IActorRef? sender);
}
