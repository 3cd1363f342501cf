namespace A3C.Actors.Remote.Transport;

/// <summary>A peer broke the wire protocol; the connection it came from is closed, the node keeps running.</summary>
internal sealed class ProtocolViolationException(string message) : Exception(message);
