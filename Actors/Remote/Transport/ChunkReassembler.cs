using System.Buffers;
using System.Buffers.Binary;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// Puts a chunked message back together. A connection carries one chunked message at a time
/// (the sender's large lane is sequential), so one buffer suffices; anything out of sequence is
/// a protocol violation.
/// </summary>
internal sealed class ChunkReassembler(int maxMessageSize) : IDisposable
{
    private byte[]? _buffer;
    private int _expected;
    private int _received;
    private ushort _typeId;

    /// <summary>Adds a chunk; on the last one returns the whole message, valid until <see cref="Release"/>.</summary>
    public bool TryAdd(FrameHeader header, ReadOnlySequence<byte> payload, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (header.Flags.HasFlag(FrameFlags.FirstChunk))
        {
            if (_buffer is not null) throw new ProtocolViolationException("a chunked message started before the previous one ended");
            if (payload.Length < sizeof(int)) throw new ProtocolViolationException("first chunk without a length");
            Span<byte> length = stackalloc byte[sizeof(int)];
            payload.Slice(0, sizeof(int)).CopyTo(length);
            _expected = BinaryPrimitives.ReadInt32LittleEndian(length);
            if (_expected <= 0 || _expected > maxMessageSize)
                throw new ProtocolViolationException($"chunked message of {_expected} bytes exceeds the maximum of {maxMessageSize}");
            _buffer = ArrayPool<byte>.Shared.Rent(_expected);
            _received = 0;
            _typeId = header.TypeId;
            payload = payload.Slice(sizeof(int));
        }
        else if (_buffer is null)
        {
            throw new ProtocolViolationException("a chunk arrived without a first chunk");
        }
        else if (header.TypeId != _typeId)
        {
            throw new ProtocolViolationException($"a chunk of type {header.TypeId} interrupted a message of type {_typeId}");
        }

        if (_received + payload.Length > _expected)
            throw new ProtocolViolationException($"chunks exceed the announced message length of {_expected} bytes");
        payload.CopyTo(_buffer.AsSpan(_received));
        _received += (int)payload.Length;

        if (!header.Flags.HasFlag(FrameFlags.LastChunk)) return false;
        if (_received != _expected)
            throw new ProtocolViolationException($"chunked message ended after {_received} of {_expected} bytes");
        message = new ReadOnlySequence<byte>(_buffer, 0, _expected);
        return true;
    }

    public void Release()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }

    public void Dispose() => Release();
}
