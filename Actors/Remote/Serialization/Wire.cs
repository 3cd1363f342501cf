using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Text;
using A3C.Actors.Remote.Transport;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// The primitives every codec is built from: fixed-size little-endian numbers, length-prefixed
/// UTF-8 strings, and arrays of unmanaged values copied as raw bytes (one memcpy each way, no
/// per-element work) or, when the node compresses arrays, as a <see cref="CompressedArray"/>.
/// Reads throw <see cref="InvalidDataException"/> on truncated or absurd input.
/// </summary>
public static class Wire
{
    // Below this an array is copied like any field: a reference would cost more than the copy.
    private const int SharedArrayThreshold = 16 * 1024;

    public static void WriteInt32(this IBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(sizeof(int)), value);
        output.Advance(sizeof(int));
    }

    public static void WriteInt64(this IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(sizeof(long)), value);
        output.Advance(sizeof(long));
    }

    public static void WriteDouble(this IBufferWriter<byte> output, double value) =>
        output.WriteInt64(BitConverter.DoubleToInt64Bits(value));

    public static void WriteBoolean(this IBufferWriter<byte> output, bool value)
    {
        output.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        output.Advance(1);
    }

    /// <summary>A null string is written as length -1.</summary>
    public static void WriteString(this IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            output.WriteInt32(-1);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        output.WriteInt32(length);
        var span = output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        output.Advance(length);
    }

    /// <summary>Element count, then the elements' bytes as they lie in memory (little-endian hosts only).</summary>
    public static void WriteArray<T>(this IBufferWriter<byte> output, ReadOnlySpan<T> values) where T : unmanaged
    {
        output.WriteInt32(values.Length);
        output.WriteRaw(MemoryMarshal.AsBytes(values));
    }

    /// <summary>
    /// As the span overload; a large array is not copied while encoding but referenced until its
    /// bytes are on the wire (so one weight snapshot sent to eight nodes is never copied eight
    /// times), or compressed once if the node compresses arrays of its size
    /// (<see cref="RemoteSettings.Compression"/>). Like any message, it must not be changed after it is sent.
    /// </summary>
    public static void WriteArray<T>(this IBufferWriter<byte> output, T[]? values) where T : unmanaged
    {
        if (values is not null && output is ISharedBytesWriter { Compressor: { } compressor } compressing
            && compressor.TryCompress(values, out var compressed))
        {
            CompressedArray.WriteHeader(output, values.Length, compressed.Length);
            compressing.WriteShared(compressed);
            return;
        }
        if (values is null || output is not ISharedBytesWriter shared || (long)values.Length * Unsafe.SizeOf<T>() < SharedArrayThreshold)
        {
            output.WriteArray<T>(values.AsSpan());
            return;
        }
        output.WriteInt32(values.Length);
        shared.WriteShared(new ArrayBytes<T>(values).Memory, ArrayElementKinds.Of<T>());
    }

    public static void WriteRaw(this IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var span = output.GetSpan();
            var n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            output.Advance(n);
            bytes = bytes[n..];
        }
    }

    public static int ReadInt32(ref SequenceReader<byte> input) =>
        input.TryReadLittleEndian(out int value) ? value : throw Truncated("an int32", input);

    public static long ReadInt64(ref SequenceReader<byte> input) =>
        input.TryReadLittleEndian(out long value) ? value : throw Truncated("an int64", input);

    public static double ReadDouble(ref SequenceReader<byte> input) => BitConverter.Int64BitsToDouble(ReadInt64(ref input));

    public static bool ReadBoolean(ref SequenceReader<byte> input) =>
        input.TryRead(out var value) ? value != 0 : throw Truncated("a boolean", input);

    public static string? ReadString(ref SequenceReader<byte> input)
    {
        var length = ReadInt32(ref input);
        if (length == -1) return null;
        RequireLength(length, 1, input, "string");
        var text = input.UnreadSpan.Length >= length
            ? Encoding.UTF8.GetString(input.UnreadSpan[..length])
            : Encoding.UTF8.GetString(input.UnreadSequence.Slice(0, length));
        input.Advance(length);
        return text;
    }

    /// <summary>Reads an array written by either <c>WriteArray</c>, raw or compressed, whatever this node's own setting.</summary>
    public static T[] ReadArray<T>(ref SequenceReader<byte> input) where T : unmanaged
    {
        var count = ReadInt32(ref input);
        if (count == CompressedArray.Marker) return CompressedArray.Read<T>(ref input);
        RequireLength(count, Unsafe.SizeOf<T>(), input, typeof(T).Name + "[]");
        // A large array of a chunked message may already lie here in an array of its own.
        if (input.Position.GetObject() is LandingArray<T> landing && input.Position.GetInteger() == 0 && landing.TryTake(count, out var landed))
        {
            input.Advance((long)count * Unsafe.SizeOf<T>());
            return landed;
        }
        // Every element is overwritten below, so the array need not be zeroed first.
        var values = GC.AllocateUninitializedArray<T>(count);
        if (!input.TryCopyTo(MemoryMarshal.AsBytes(values.AsSpan()))) throw Truncated(typeof(T).Name + "[]", input);
        input.Advance((long)count * Unsafe.SizeOf<T>());
        return values;
    }

    private static void RequireLength(int count, int elementSize, SequenceReader<byte> input, string what)
    {
        if (count < 0 || (long)count * elementSize > input.Remaining)
            throw new InvalidDataException($"A {what} claims {count} elements but only {input.Remaining} bytes remain.");
    }

    private static InvalidDataException Truncated(string what, SequenceReader<byte> input) =>
        new($"Payload ended after {input.Consumed} bytes while reading {what}.");
}
