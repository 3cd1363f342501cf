using System.Buffers;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// Puts a chunked message back together. A connection carries one chunked message at a time
/// (the sender's large lane is sequential), so one buffer suffices; anything out of sequence is
/// a protocol violation. When the first chunk announces a raw array, its bytes go straight into a
/// <see cref="LandingArray"/> the decoded message can keep, and only the rest into the buffer.
/// </summary>
internal sealed class ChunkReassembler(int maxMessageSize) : IDisposable
{
    // The message's bytes but the landing array's: those before it, then those after it.
    private byte[]? _buffer;
    private LandingArray? _landing;
    private FirstChunkHeader _header;
    private int _received;
    private ushort _typeId;
    private readonly BufferSegment _beforeArray = new();
    private readonly BufferSegment _afterArray = new();

    /// <summary>Adds a chunk; on the last one returns the whole message, valid until <see cref="Release"/>.</summary>
    public bool TryAdd(FrameHeader header, ReadOnlySequence<byte> payload, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (header.Flags.HasFlag(FrameFlags.FirstChunk))
        {
            if (_buffer is not null) throw new ProtocolViolationException("a chunked message started before the previous one ended");
            Begin(FirstChunkHeader.Read(ref payload, maxMessageSize), header.TypeId);
        }
        else if (_buffer is null)
        {
            throw new ProtocolViolationException("a chunk arrived without a first chunk");
        }
        else if (header.TypeId != _typeId)
        {
            throw new ProtocolViolationException($"a chunk of type {header.TypeId} interrupted a message of type {_typeId}");
        }

        if (_received + payload.Length > _header.MessageLength)
            throw new ProtocolViolationException($"chunks exceed the announced message length of {_header.MessageLength} bytes");
        foreach (var piece in payload)
        {
            for (var bytes = piece.Span; !bytes.IsEmpty;) bytes = bytes[Place(bytes)..];
        }

        if (!header.Flags.HasFlag(FrameFlags.LastChunk)) return false;
        if (_received != _header.MessageLength)
            throw new ProtocolViolationException($"chunked message ended after {_received} of {_header.MessageLength} bytes");
        message = Assemble();
        return true;
    }

    private void Begin(FirstChunkHeader header, ushort typeId)
    {
        _header = header;
        _typeId = typeId;
        _received = 0;
        _landing = header.Array.Exists ? LandingArray.Allocate(header.Array.Kind, header.Array.Length) : null;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, header.MessageLength - header.Array.Length));
    }

    /// <summary>Copies the front of <paramref name="bytes"/>, which continue the message, to where they belong; returns how many.</summary>
    private int Place(ReadOnlySpan<byte> bytes)
    {
        var arrayStart = _landing is null ? int.MaxValue : _header.Array.Offset;
        var arrayEnd = _landing is null ? int.MaxValue : _header.Array.End;
        int count;
        if (_received < arrayStart)
        {
            count = Math.Min(bytes.Length, arrayStart - _received);
            bytes[..count].CopyTo(_buffer.AsSpan(_received));
        }
        else if (_received < arrayEnd)
        {
            count = Math.Min(bytes.Length, arrayEnd - _received);
            bytes[..count].CopyTo(_landing!.Bytes[(_received - arrayStart)..]);
        }
        else
        {
            count = bytes.Length;
            bytes.CopyTo(_buffer.AsSpan(_received - _header.Array.Length));
        }
        _received += count;
        return count;
    }

    /// <summary>The bytes before the array, the array, the bytes after it, as one sequence.</summary>
    private ReadOnlySequence<byte> Assemble()
    {
        if (_landing is null) return new ReadOnlySequence<byte>(_buffer!, 0, _header.MessageLength);
        var (offset, length) = (_header.Array.Offset, _header.Array.Length);
        var afterLength = _header.MessageLength - offset - length;
        _afterArray.Set(_buffer.AsMemory(offset, afterLength), offset + length);
        _landing.Link(offset, afterLength > 0 ? _afterArray : null);
        _beforeArray.Set(_buffer.AsMemory(0, offset), 0, _landing);
        ReadOnlySequenceSegment<byte> first = offset > 0 ? _beforeArray : _landing;
        ReadOnlySequenceSegment<byte> last = afterLength > 0 ? _afterArray : _landing;
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public void Release()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _landing = null;
        _beforeArray.Set(default, 0);
        _afterArray.Set(default, 0);
    }

    public void Dispose() => Release();

    private sealed class BufferSegment : ReadOnlySequenceSegment<byte>
    {
        public void Set(ReadOnlyMemory<byte> memory, long runningIndex, ReadOnlySequenceSegment<byte>? next = null)
        {
            Memory = memory;
            RunningIndex = runningIndex;
            Next = next;
        }
    }
}
