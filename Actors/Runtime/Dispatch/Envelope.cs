namespace A3C.Actors.Runtime;

/// <summary>A user message and who sent it; a struct so queuing it allocates nothing.</summary>
public readonly record struct Envelope(object Message, IActorRef? Sender);
