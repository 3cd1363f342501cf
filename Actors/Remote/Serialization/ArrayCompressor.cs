using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// The sending side of <see cref="ArrayCompression"/>, one per node: decides which arrays to
/// compress and compresses each array once, however many connections send it. A weight snapshot
/// broadcast to eight nodes is compressed by the first connection to encode it, and the others
/// wait for and share that result instead of compressing it seven more times. The result lives
/// as long as the array does; like any sent message, the array must not change after sending.
/// </summary>
internal sealed class ArrayCompressor(int minArrayBytes)
{
    private readonly ConditionalWeakTable<Array, Lazy<ReadOnlyMemory<byte>?>> _compressed = new();

    /// <summary>
    /// The compressed form of <paramref name="values"/>, or false when it should go raw: too small,
    /// incompressible, or above what a receiver decompresses (<see cref="CompressedArray.MaxDecompressedBytes"/>).
    /// </summary>
    public bool TryCompress<T>(T[] values, out ReadOnlyMemory<byte> compressed) where T : unmanaged
    {
        compressed = default;
        var bytes = (long)values.Length * Unsafe.SizeOf<T>();
        if (bytes < minArrayBytes || bytes > CompressedArray.MaxDecompressedBytes) return false;
        var result = _compressed.GetValue(values, static array => new Lazy<ReadOnlyMemory<byte>?>(
            () => CompressedArray.Compress(MemoryMarshal.AsBytes(((T[])array).AsSpan()), Unsafe.SizeOf<T>()))).Value;
        if (result is not { } compressedBytes) return false;
        compressed = compressedBytes;
        return true;
    }
}
