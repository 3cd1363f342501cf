namespace A3C.Actors.Runtime;

/// <summary>Stops the actor once it is processed; messages queued before it are handled first.</summary>
public sealed record PoisonPill : IAutoReceivedMessage
{
    public static PoisonPill Instance { get; } = new();
}
