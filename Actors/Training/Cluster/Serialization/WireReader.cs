using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Text;

namespace A3C.Actors.Training.Cluster.Serialization;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote, trusting nothing: every count is checked against
/// the bytes left before anything is allocated, and bytes left over at the end are refused, so
/// garbage or a frame of another message type is a <see cref="SerializationException"/> naming
/// the message and the field, never a huge allocation or a message with misfit arrays.
/// </summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _message;
    private int _position;

    /// <param name="message">The message's name, for errors.</param>
    public WireReader(ReadOnlySpan<byte> bytes, string message)
    {
        _bytes = bytes;
        _message = message;
        _position = 0;
    }

    private readonly int Remaining => _bytes.Length - _position;

    /// <summary>Bytes read so far: where the rest (a frame's payload) starts.</summary>
    public readonly int Position => _position;

    public int Int32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int), field));

    public long Int64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long), field));

    public double Double(string field) => BitConverter.Int64BitsToDouble(Int64(field));

    /// <summary>A count that must be at least zero; <paramref name="bytesEach"/> bounds it by what is left.</summary>
    public int Count(string field, int bytesEach)
    {
        var count = Int32(field);
        if (count < 0 || (long)count * bytesEach > Remaining)
            throw Refused($"{field} claims {count} entries of {bytesEach} bytes with {Remaining} bytes left");
        return count;
    }

    public string String(string field, int maxBytes)
    {
        var length = Count(field, 1);
        if (length > maxBytes) throw Refused($"{field} is {length} bytes long, more than the {maxBytes} allowed");
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length, field));
        }
        catch (DecoderFallbackException)
        {
            throw Refused($"{field} is not valid UTF-8");
        }
    }

    public T[] Array<T>(string field) where T : unmanaged
    {
        var count = Count(field, Unsafe.SizeOf<T>());
        var values = GC.AllocateUninitializedArray<T>(count);
        Take(count * Unsafe.SizeOf<T>(), field).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    public TEnum Enum<TEnum>(string field) where TEnum : struct, Enum
    {
        var raw = Int32(field);
        var value = Unsafe.As<int, TEnum>(ref raw);
        return System.Enum.IsDefined(value) ? value : throw Refused($"{field} is {raw}, not a {typeof(TEnum).Name}");
    }

    /// <summary>The message must end here: trailing bytes mean it was not what its manifest says.</summary>
    public readonly void End()
    {
        if (Remaining != 0) throw Refused($"{Remaining} bytes follow its last field");
    }

    public readonly SerializationException Refused(string problem) =>
        new($"A {_message} refused: {problem} (at byte {_position} of {_bytes.Length}).");

    private ReadOnlySpan<byte> Take(int length, string field)
    {
        if (length > Remaining) throw Refused($"{field} needs {length} bytes, {Remaining} left");
        var span = _bytes.Slice(_position, length);
        _position += length;
        return span;
    }
}
