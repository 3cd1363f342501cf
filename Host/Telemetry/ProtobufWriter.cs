using System.Buffers.Binary;
using System.Text;

namespace A3C.Host.Telemetry;

/// <summary>
/// Just enough of the protobuf wire format for TensorBoard events: each field is a tag
/// (<c>field_number &lt;&lt; 3 | wire_type</c>) as a varint, then the value: a varint (type 0),
/// 8 little-endian bytes (type 1), a length-prefixed byte string or nested message (type 2), or
/// 4 little-endian bytes (type 5).
/// </summary>
public sealed class ProtobufWriter
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private readonly MemoryStream _buffer = new();

    public ProtobufWriter WriteDouble(int field, double value)
    {
        WriteTag(field, Fixed64);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    public ProtobufWriter WriteFloat(int field, float value)
    {
        WriteTag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>An int64 field: negative values take ten bytes, as in two's complement.</summary>
    public ProtobufWriter WriteInt64(int field, long value)
    {
        WriteTag(field, Varint);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtobufWriter WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A nested message is written as its encoded bytes, length-prefixed.</summary>
    public ProtobufWriter WriteMessage(int field, ProtobufWriter message) => WriteBytes(field, message.ToArray());

    public ProtobufWriter WriteBytes(int field, ReadOnlySpan<byte> bytes)
    {
        WriteTag(field, LengthDelimited);
        WriteVarint((ulong)bytes.Length);
        _buffer.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    /// <summary>Seven bits per byte, low bits first; the high bit says another byte follows.</summary>
    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
