using System.Buffers;
using System.Buffers.Binary;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// Eight bytes in front of every frame: payload length (int32), kind, flags and the message type
/// id (uint16, 0 when the frame is not a message), all little-endian.
/// </summary>
internal readonly record struct FrameHeader(int PayloadLength, FrameKind Kind, FrameFlags Flags, ushort TypeId)
{
    public const int Size = 8;

    /// <summary>Room for the first chunk's header on top of the chunk size.</summary>
    public const int ChunkOverhead = 16;

    public void WriteTo(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(Size);
        BinaryPrimitives.WriteInt32LittleEndian(span, PayloadLength);
        span[4] = (byte)Kind;
        span[5] = (byte)Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], TypeId);
        output.Advance(Size);
    }

    /// <summary>
    /// Takes one complete frame off the front of <paramref name="buffer"/>, or returns false when
    /// more bytes are needed. Throws <see cref="ProtocolViolationException"/> for a header no
    /// peer of ours would send, before waiting for its payload.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxPayload, out FrameHeader header, out ReadOnlySequence<byte> payload)
    {
        header = default;
        payload = default;
        if (buffer.Length < Size) return false;

        Span<byte> bytes = stackalloc byte[Size];
        buffer.Slice(0, Size).CopyTo(bytes);
        header = new FrameHeader(BinaryPrimitives.ReadInt32LittleEndian(bytes), (FrameKind)bytes[4], (FrameFlags)bytes[5],
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]));

        if (header.PayloadLength < 0 || header.PayloadLength > maxPayload)
            throw new ProtocolViolationException($"frame of {header.PayloadLength} bytes exceeds the maximum of {maxPayload}");
        if (!Enum.IsDefined(header.Kind))
            throw new ProtocolViolationException($"unknown frame kind {(byte)header.Kind}");
        if (buffer.Length < Size + header.PayloadLength) return false;

        payload = buffer.Slice(Size, header.PayloadLength);
        buffer = buffer.Slice(Size + header.PayloadLength);
        return true;
    }
}
