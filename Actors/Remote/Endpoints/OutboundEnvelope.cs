using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Endpoints;

/// <summary>A message waiting for the connection to its recipient's node; a null message is a heartbeat.</summary>
internal readonly record struct OutboundEnvelope(RemoteActorRef? Recipient, object? Message, IActorRef? Sender, bool IsSystem)
{
    public static OutboundEnvelope Heartbeat => default;

    public bool IsHeartbeat => Message is null;
}
