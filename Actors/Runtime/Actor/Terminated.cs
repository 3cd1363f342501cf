namespace A3C.Actors.Runtime;

/// <summary>Delivered to watchers when a watched actor stops; exactly once per watch.</summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed = true) : IAutoReceivedMessage;
