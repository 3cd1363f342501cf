namespace A3C.Actors.Persistence;

/// <summary>Collects a blob of known length into one exactly sized array.</summary>
internal sealed class BufferBlobSink(string blobName, long length) : IBlobSink
{
    private readonly byte[] _buffer = new byte[length];
    private int _written;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length > _buffer.Length - _written)
        {
            throw new SnapshotCorruptException(
                SnapshotStatus.Unreadable, $"blob '{blobName}' holds more than the {_buffer.Length} bytes its row records");
        }

        chunk.CopyTo(_buffer.AsSpan(_written));
        _written += chunk.Length;
    }

    public byte[] Complete() =>
        _written == _buffer.Length
            ? _buffer
            : throw new SnapshotCorruptException(
                SnapshotStatus.Unreadable, $"blob '{blobName}' holds {_written} bytes; its row records {_buffer.Length}");
}
