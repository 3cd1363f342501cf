using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// The wire form of a compressed array, recognised by <see cref="Wire.ReadArray{T}"/> from its
/// marker where a plain array has its (never negative) element count:
/// <c>int32 marker (-2), byte codec, int32 element count, int32 compressed length, compressed bytes</c>.
/// The only codec so far is Brotli over the array's <see cref="BytePlanes"/>.
/// </summary>
internal static class CompressedArray
{
    public const int Marker = -2;
    public const byte BrotliBytePlanes = 1;

    /// <summary>
    /// The most bytes one compressed array may decompress to; larger arrays are sent raw. A few
    /// compressed bytes can claim gigabytes (all zeros compress a thousandfold): the cap bounds what
    /// a peer can make this node allocate, 4x the default maximum message size and 20x the Atari
    /// network's snapshot.
    /// </summary>
    public const int MaxDecompressedBytes = 256 << 20;

    // Measured on weight snapshots (bench/Remote --case compression): quality 0 leaves 84% of the
    // bytes where qualities 1-4 leave 82-83%, at 1.5-8x their speed both ways. A 4 MiB window is Brotli's default.
    private const int BrotliQuality = 0;
    private const int BrotliWindowBits = 22;

    // Random bits still shrink by a few bytes per thousand (Huffman codes fit a finite sample's
    // uneven byte counts); below a saving of 1/32 the receiver's decompression is not worth it.
    private const int WorthwhileSaving = 32;

    /// <summary>
    /// The compressed bytes of <paramref name="values"/>, or null when they would be hardly smaller
    /// (random bits): then the array is better sent raw, and the receiver spared a decompression.
    /// </summary>
    public static ReadOnlyMemory<byte>? Compress(ReadOnlySpan<byte> values, int elementSize)
    {
        var planes = ArrayPool<byte>.Shared.Rent(values.Length);
        try
        {
            BytePlanes.Split(values, elementSize, planes);
            // Kept as long as the array it was made from (see ArrayCompressor), so not pooled; never zeroed,
            // so the pages past what Brotli writes are never touched.
            var compressed = GC.AllocateUninitializedArray<byte>(BrotliEncoder.GetMaxCompressedLength(values.Length));
            if (!BrotliEncoder.TryCompress(planes.AsSpan(0, values.Length), compressed, out var written, BrotliQuality, BrotliWindowBits))
                throw new InvalidOperationException($"Brotli could not compress {values.Length} bytes into its own bound of {compressed.Length}.");
            if (written > values.Length - values.Length / WorthwhileSaving) return null;
            return compressed.AsMemory(0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(planes);
        }
    }

    public static void WriteHeader(IBufferWriter<byte> output, int elementCount, int compressedLength)
    {
        output.WriteInt32(Marker);
        var codec = output.GetSpan(1);
        codec[0] = BrotliBytePlanes;
        output.Advance(1);
        output.WriteInt32(elementCount);
        output.WriteInt32(compressedLength);
    }

    /// <summary>Reads what follows the marker; throws <see cref="InvalidDataException"/> for anything but an exact, valid stream.</summary>
    public static T[] Read<T>(ref SequenceReader<byte> input) where T : unmanaged
    {
        var what = $"compressed {typeof(T).Name}[]";
        if (!input.TryRead(out var codec)) throw new InvalidDataException($"Payload ended before the codec of a {what}.");
        if (codec != BrotliBytePlanes) throw new InvalidDataException($"A {what} names unknown compression codec {codec}.");
        var count = Wire.ReadInt32(ref input);
        var compressedLength = Wire.ReadInt32(ref input);
        var elementSize = Unsafe.SizeOf<T>();
        if (count < 0 || (long)count * elementSize > MaxDecompressedBytes)
            throw new InvalidDataException(
                $"A {what} claims {count} elements ({(long)count * elementSize} bytes), above the {MaxDecompressedBytes} bytes a compressed array may hold.");
        if (compressedLength < 0 || compressedLength > input.Remaining)
            throw new InvalidDataException($"A {what} claims {compressedLength} compressed bytes but only {input.Remaining} remain.");

        // Every element is overwritten below (or the payload refused), so the array need not be zeroed.
        var values = GC.AllocateUninitializedArray<T>(count);
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        var planes = elementSize == 1 ? null : ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            Decompress(input.UnreadSequence.Slice(0, compressedLength), planes is null ? bytes : planes.AsSpan(0, bytes.Length), what);
            if (planes is not null) BytePlanes.Join(planes.AsSpan(0, bytes.Length), elementSize, bytes);
        }
        finally
        {
            if (planes is not null) ArrayPool<byte>.Shared.Return(planes);
        }
        input.Advance(compressedLength);
        return values;
    }

    /// <summary>Fills <paramref name="destination"/> exactly from one whole Brotli stream spread over the sequence's segments.</summary>
    private static void Decompress(ReadOnlySequence<byte> compressed, Span<byte> destination, string what)
    {
        using var decoder = new BrotliDecoder();
        var written = 0;
        var done = false;
        foreach (var segment in compressed)
        {
            var source = segment.Span;
            while (!source.IsEmpty)
            {
                if (done) throw new InvalidDataException($"A {what} has bytes after the end of its compressed stream.");
                var status = decoder.Decompress(source, destination[written..], out var consumed, out var produced);
                source = source[consumed..];
                written += produced;
                switch (status)
                {
                    case OperationStatus.Done:
                        done = true;
                        break;
                    case OperationStatus.DestinationTooSmall:
                        throw new InvalidDataException($"A {what} decompresses to more than the {destination.Length} bytes it announced.");
                    case OperationStatus.InvalidData:
                        throw new InvalidDataException($"A {what} is not a valid Brotli stream (after {written} bytes decompressed).");
                    case OperationStatus.NeedMoreData when consumed == 0 && produced == 0:
                        throw new InvalidDataException($"A {what} could not be decompressed further (after {written} bytes).");
                }
            }
        }
        if (!done || written != destination.Length)
            throw new InvalidDataException($"A {what} decompresses to {written} bytes{(done ? "" : " and ends early")}; it announced {destination.Length}.");
    }
}
