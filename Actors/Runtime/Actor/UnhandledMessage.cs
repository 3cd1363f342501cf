namespace A3C.Actors.Runtime;

/// <summary>A message the actor's behavior did not handle, published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
