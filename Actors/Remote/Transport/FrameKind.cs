namespace A3C.Actors.Remote.Transport;

/// <summary>What a frame carries; the byte after the length in every frame header.</summary>
internal enum FrameKind : byte
{
    /// <summary>Client to server, first frame: version, system, address, secret proof.</summary>
    Hello = 1,
    /// <summary>Server to client: accepted, with the server's address.</summary>
    Welcome = 2,
    /// <summary>Server to client: refused, with the reason; the server then closes.</summary>
    Refused = 3,
    Heartbeat = 4,
    HeartbeatAck = 5,
    /// <summary>A whole message: recipient, sender, then the codec's bytes.</summary>
    Message = 6,
    /// <summary>A piece of a message larger than the chunk size; see <see cref="FrameFlags"/>.</summary>
    Chunk = 7,
}

[Flags]
internal enum FrameFlags : byte
{
    None = 0,
    /// <summary>The message is a system message (watch, stop, ...), delivered ahead of user messages.</summary>
    System = 1,
    /// <summary>First chunk: its payload starts with a <see cref="FirstChunkHeader"/>.</summary>
    FirstChunk = 2,
    LastChunk = 4,
}
