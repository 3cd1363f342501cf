namespace A3C.Actors.Runtime;

/// <summary>Messages the runtime interprets itself before the actor's behavior sees them.</summary>
public interface IAutoReceivedMessage;

/// <summary>Stops the actor once it is processed; messages queued before it are handled first.</summary>
public sealed record PoisonPill : IAutoReceivedMessage
{
    public static PoisonPill Instance { get; } = new();
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/>; the default supervisor stops it.</summary>
public sealed record Kill : IAutoReceivedMessage
{
    public static Kill Instance { get; } = new();
}

/// <summary>Delivered to watchers when a watched actor stops; exactly once per watch.</summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed = true) : IAutoReceivedMessage;

/// <summary>A message that could not be delivered, published on the event stream.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A message the actor's behavior did not handle, published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A reply that carries a failure, completing an ask with an exception.</summary>
public sealed record StatusFailure(Exception Cause);
