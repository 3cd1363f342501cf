namespace A3C.Actors.Persistence;

/// <summary>Receives a stored blob chunk by chunk, so it is never buffered more than once.</summary>
internal interface IBlobSink
{
    void Write(ReadOnlySpan<byte> chunk);
}
