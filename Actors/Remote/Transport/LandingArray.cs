using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using A3C.Actors.Remote.Serialization;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// An array allocated for a chunked message before it is decoded, where the sender said one raw
/// array lies (<see cref="FirstChunkHeader"/>), and filled straight from the chunks. In the
/// reassembled message it is a segment of its own, so any codec can read its bytes;
/// <see cref="Wire.ReadArray{T}"/> finding an array of its type and length there takes the array
/// itself instead of copying it into a new one.
/// </summary>
internal abstract class LandingArray : ReadOnlySequenceSegment<byte>
{
    public static LandingArray Allocate(ArrayElementKind kind, int byteLength) => kind switch
    {
        ArrayElementKind.Byte => new LandingArray<byte>(byteLength),
        ArrayElementKind.SByte => new LandingArray<sbyte>(byteLength),
        ArrayElementKind.Int16 => new LandingArray<short>(byteLength),
        ArrayElementKind.UInt16 => new LandingArray<ushort>(byteLength),
        ArrayElementKind.Int32 => new LandingArray<int>(byteLength),
        ArrayElementKind.UInt32 => new LandingArray<uint>(byteLength),
        ArrayElementKind.Int64 => new LandingArray<long>(byteLength),
        ArrayElementKind.UInt64 => new LandingArray<ulong>(byteLength),
        ArrayElementKind.Half => new LandingArray<Half>(byteLength),
        ArrayElementKind.Single => new LandingArray<float>(byteLength),
        ArrayElementKind.Double => new LandingArray<double>(byteLength),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no array of this element kind can be allocated"),
    };

    /// <summary>The array's bytes, for the chunks to be copied into.</summary>
    public abstract Span<byte> Bytes { get; }

    /// <summary>Places this segment in a message's sequence.</summary>
    public void Link(long runningIndex, ReadOnlySequenceSegment<byte>? next)
    {
        RunningIndex = runningIndex;
        Next = next;
    }
}

internal sealed class LandingArray<T> : LandingArray where T : unmanaged
{
    private readonly T[] _array;
    private bool _taken;

    public LandingArray(int byteLength)
    {
        // Every element is overwritten by the chunks, so the array need not be zeroed first.
        _array = GC.AllocateUninitializedArray<T>(byteLength / Unsafe.SizeOf<T>());
        Memory = new ArrayBytes<T>(_array).Memory;
    }

    public override Span<byte> Bytes => MemoryMarshal.AsBytes(_array.AsSpan());

    /// <summary>Hands the array out once, to the reader of an array of exactly its length.</summary>
    public bool TryTake(int count, [MaybeNullWhen(false)] out T[] array)
    {
        array = null;
        if (_taken || count != _array.Length) return false;
        _taken = true;
        array = _array;
        return true;
    }
}
