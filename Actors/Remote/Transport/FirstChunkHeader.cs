using System.Buffers;
using System.Buffers.Binary;
using A3C.Actors.Remote.Serialization;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// What the first chunk of a chunked message says before its bytes: the whole message's length,
/// and where in it the message's largest raw array lies, so the receiver can allocate that array at
/// once and fill it from the chunks as they arrive instead of copying it out of a reassembled
/// message later.
/// </summary>
internal readonly record struct FirstChunkHeader(int MessageLength, ArrayPlacement Array)
{
    public const int Size = 3 * sizeof(int) + 1;

    public void WriteTo(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(Size);
        BinaryPrimitives.WriteInt32LittleEndian(span, MessageLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], Array.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Array.Length);
        span[12] = (byte)Array.Kind;
        output.Advance(Size);
    }

    /// <summary>Reads the header off the front of a first chunk's payload and checks it against the limits.</summary>
    public static FirstChunkHeader Read(ref ReadOnlySequence<byte> payload, int maxMessageSize)
    {
        if (payload.Length < Size) throw new ProtocolViolationException("a first chunk too short for its header");
        Span<byte> bytes = stackalloc byte[Size];
        payload.Slice(0, Size).CopyTo(bytes);
        payload = payload.Slice(Size);
        var array = new ArrayPlacement(BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
            (ArrayElementKind)bytes[12]);
        var header = new FirstChunkHeader(BinaryPrimitives.ReadInt32LittleEndian(bytes), array);
        header.Validate(maxMessageSize);
        return header;
    }

    private void Validate(int maxMessageSize)
    {
        if (MessageLength <= 0 || MessageLength > maxMessageSize)
            throw new ProtocolViolationException($"chunked message of {MessageLength} bytes exceeds the maximum of {maxMessageSize}");
        if (Array.Length == 0) return;
        var elementSize = ArrayElementKinds.SizeOf(Array.Kind);
        if (elementSize == 0) throw new ProtocolViolationException($"unknown array element kind {(byte)Array.Kind}");
        if (Array.Offset < 0 || Array.Length < 0 || (long)Array.Offset + Array.Length > MessageLength || Array.Length % elementSize != 0)
            throw new ProtocolViolationException(
                $"an array of {Array.Length} bytes at {Array.Offset} does not fit a message of {MessageLength} bytes in {Array.Kind} elements");
    }
}
