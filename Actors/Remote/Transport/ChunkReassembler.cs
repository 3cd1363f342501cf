using System.Buffers;
using System.Buffers.Binary;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// Puts a chunked message back together without copying it. Its chunks' payloads stay where the
/// socket put them, in the connection's receive pipe: while a message is gathered the reader
/// consumes nothing from <see cref="HeldFrom"/> on. The last chunk links the payloads into one
/// sequence, from which a codec copies an array once, straight into the array (before, every
/// chunk was first copied into one reassembly buffer). A connection carries one chunked message at
/// a time (the sender's large lane is sequential); anything out of sequence is a protocol violation.
/// </summary>
/// <remarks>
/// The reader learns where the message starts from <see cref="TakeStart"/> in the read its first
/// chunk came in, and consumes up to there; in later reads the message starts where the pipe's
/// buffer does. (A position is only kept for that one read: once consumed up to, the pipe may drop
/// the segment it points into.)
/// </remarks>
internal sealed class ChunkReassembler(int maxMessageSize)
{
    // The payload pieces, in order; each is memory of the pipe, valid until the reader consumes it.
    private readonly List<ReadOnlyMemory<byte>> _pieces = [];
    // Linked over the pieces when the message is complete; kept for the next message.
    private readonly List<Piece> _links = [];
    private bool _gathering;
    private SequencePosition? _start;
    private int _expected;
    private int _received;
    private ushort _typeId;

    /// <summary>True between a message's first and last chunk: the pipe must not be consumed past its start.</summary>
    public bool IsGathering => _gathering;

    /// <summary>Where the message being gathered starts, once, in the read its first chunk came in; null afterwards.</summary>
    public SequencePosition? TakeStart()
    {
        var start = _start;
        _start = null;
        return start;
    }

    /// <summary>Adds a chunk; on the last one returns the whole message, valid until <see cref="Release"/> and the pipe is consumed.</summary>
    public bool TryAdd(FrameHeader header, ReadOnlySequence<byte> payload, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (header.Flags.HasFlag(FrameFlags.FirstChunk))
        {
            if (_gathering) throw new ProtocolViolationException("a chunked message started before the previous one ended");
            if (payload.Length < sizeof(int)) throw new ProtocolViolationException("first chunk without a length");
            Span<byte> length = stackalloc byte[sizeof(int)];
            payload.Slice(0, sizeof(int)).CopyTo(length);
            _expected = BinaryPrimitives.ReadInt32LittleEndian(length);
            if (_expected <= 0 || _expected > maxMessageSize)
                throw new ProtocolViolationException($"chunked message of {_expected} bytes exceeds the maximum of {maxMessageSize}");
            _gathering = true;
            _start = payload.Start;
            _received = 0;
            _typeId = header.TypeId;
            payload = payload.Slice(sizeof(int));
        }
        else if (!_gathering)
        {
            throw new ProtocolViolationException("a chunk arrived without a first chunk");
        }
        else if (header.TypeId != _typeId)
        {
            throw new ProtocolViolationException($"a chunk of type {header.TypeId} interrupted a message of type {_typeId}");
        }

        if (_received + payload.Length > _expected)
            throw new ProtocolViolationException($"chunks exceed the announced message length of {_expected} bytes");
        foreach (var memory in payload)
            if (!memory.IsEmpty) _pieces.Add(memory);
        _received += (int)payload.Length;

        if (!header.Flags.HasFlag(FrameFlags.LastChunk)) return false;
        if (_received != _expected)
            throw new ProtocolViolationException($"chunked message ended after {_received} of {_expected} bytes");
        message = Link();
        return true;
    }

    /// <summary>Forgets the message; the reader may then consume its chunks.</summary>
    public void Release()
    {
        _pieces.Clear();
        foreach (var link in _links) link.Clear();
        _gathering = false;
        _start = null;
    }

    private ReadOnlySequence<byte> Link()
    {
        if (_pieces.Count == 1) return new ReadOnlySequence<byte>(_pieces[0]);
        while (_links.Count < _pieces.Count) _links.Add(new Piece());
        long runningIndex = 0;
        for (var i = 0; i < _pieces.Count; i++)
        {
            _links[i].Set(_pieces[i], runningIndex, i + 1 < _pieces.Count ? _links[i + 1] : null);
            runningIndex += _pieces[i].Length;
        }
        var last = _links[_pieces.Count - 1];
        return new ReadOnlySequence<byte>(_links[0], 0, last, last.Memory.Length);
    }

    private sealed class Piece : ReadOnlySequenceSegment<byte>
    {
        public void Set(ReadOnlyMemory<byte> memory, long runningIndex, Piece? next)
        {
            Memory = memory;
            RunningIndex = runningIndex;
            Next = next;
        }

        public void Clear() => Set(default, 0, null);
    }
}
