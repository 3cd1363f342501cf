using A3C.Actors.Runtime;

namespace A3C.Actors.Remote;

/// <summary>
/// What this node knows of one peer: whether its outbound connection is up, when the peer last
/// answered a heartbeat, and the bytes (frames with their headers) exchanged with it so far.
/// </summary>
public sealed record PeerStatus(Address Address, bool Connected, DateTimeOffset? LastHeartbeat, long BytesSent, long BytesReceived);
