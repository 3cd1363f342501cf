namespace A3C.Actors.Remote.Endpoints;

/// <summary>The peer refused our handshake (wrong secret, other protocol version); the reason is the peer's.</summary>
internal sealed class HandshakeRefusedException(string reason) : Exception(reason);
