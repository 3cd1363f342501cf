using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace A3C.Actors.Training.Cluster.Serialization;

/// <summary>
/// Writes a message's fields little-endian into a buffer sized for it exactly. An encoder runs
/// twice: first over a measuring writer (<see cref="Measuring"/>), which only counts, then over
/// the buffer of that length, so a 13 MiB weight snapshot is copied once and never regrown.
/// </summary>
internal ref struct WireWriter
{
    private readonly Span<byte> _buffer;
    private readonly bool _measuring;
    private int _position;

    public WireWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _measuring = false;
        _position = 0;
    }

    private WireWriter(bool measuring)
    {
        _buffer = default;
        _measuring = measuring;
        _position = 0;
    }

    /// <summary>A writer that writes nothing and counts the bytes an encoder would write.</summary>
    public static WireWriter Measuring() => new(measuring: true);

    public readonly int Written => _position;

    public void Int32(int value)
    {
        if (!_measuring) BinaryPrimitives.WriteInt32LittleEndian(_buffer[_position..], value);
        _position += sizeof(int);
    }

    public void Int64(long value)
    {
        if (!_measuring) BinaryPrimitives.WriteInt64LittleEndian(_buffer[_position..], value);
        _position += sizeof(long);
    }

    public void Double(double value) => Int64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Byte length, then UTF-8.</summary>
    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length);
        if (!_measuring) Encoding.UTF8.GetBytes(value, _buffer.Slice(_position, length));
        _position += length;
    }

    /// <summary>Element count, then the elements' bytes as they lie in memory (little-endian hosts only).</summary>
    public void Array<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        Int32(values.Length);
        var bytes = MemoryMarshal.AsBytes(values);
        if (!_measuring) bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }
}
