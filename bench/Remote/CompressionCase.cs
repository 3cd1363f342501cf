using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using A3C.Actors.Remote.Serialization;

namespace A3C.Bench.Remote;

/// <summary>
/// What compressing a weight snapshot buys and costs: the ratio and single-core speed of in-box
/// compressors, on raw bytes and on byte planes, then remoting's own codec, and from those the link
/// speed below which compressing pays.
/// </summary>
internal static class CompressionCase
{
    public static void Run(bool quick)
    {
        var snapshot = SampleWeights.AtariSnapshot();
        var adam = SampleWeights.AdamMoments(snapshot.Length);
        var repeats = quick ? 2 : 5;
        Console.WriteLine($"compression: Atari snapshot {snapshot.Length * 4 / 1e6:0.0} MB (uniform +-1/sqrt(fan_in)); " +
            $"Adam moments {adam.Length * 4 / 1e6:0.0} MB; best of {repeats}, one core each");
        foreach (var (name, values) in new[] { ("snapshot", snapshot), ("adam", adam) })
        {
            var raw = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
            var planes = new byte[raw.Length];
            BytePlanes.Split(raw, sizeof(float), planes);
            foreach (var (layout, bytes) in new[] { ("raw bytes", raw), ("byte planes", planes) })
            {
                foreach (var quality in new[] { 0, 1, 2, 4 })
                    Report(name, layout, $"brotli q{quality}", bytes, repeats,
                        source => BrotliCompress(source, quality), (compressed, length) => BrotliDecompress(compressed, length));
                Report(name, layout, "deflate fastest", bytes, repeats, DeflateCompress, DeflateDecompress);
            }
        }

        // Remoting's codec end to end: byte planes, Brotli, and back into a new float[].
        var (ratio, compressMBs, decompressMBs) = Codec(snapshot, repeats);
        Console.WriteLine($"  remoting codec on the snapshot: ratio {ratio:0.000}, compress {compressMBs:N0} MB/s, decompress {decompressMBs:N0} MB/s");
        // Sending S bytes over a link of B bytes/s takes S/B raw, and S/C + r*S/B + S/D compressed:
        // compressing pays while B < (1 - r) / (1/C + 1/D). Broadcast to n nodes compresses once and sends n times.
        var breakEven = (1 - ratio) / (1 / compressMBs + 1 / decompressMBs);
        Console.WriteLine($"  compression pays below {breakEven:0} MB/s = {breakEven * 8:0} Mbit/s point to point, " +
            $"below {8 * breakEven:0} MB/s = {64 * breakEven:0} Mbit/s of the sender's link when broadcasting to 8 nodes");
    }

    private static (double Ratio, double CompressMBs, double DecompressMBs) Codec(float[] snapshot, int repeats)
    {
        var bytes = snapshot.Length * sizeof(float);
        var compressSeconds = double.MaxValue;
        var decompressSeconds = double.MaxValue;
        ReadOnlyMemory<byte> compressed = default;
        for (var i = 0; i < repeats; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            compressed = CompressedArray.Compress(MemoryMarshal.AsBytes(snapshot.AsSpan()), sizeof(float))!.Value;
            compressSeconds = Math.Min(compressSeconds, stopwatch.Elapsed.TotalSeconds);
        }
        var wire = new ArrayBufferWriter<byte>();
        CompressedArray.WriteHeader(wire, snapshot.Length, compressed.Length);
        wire.Write(compressed.Span);
        for (var i = 0; i < repeats; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(wire.WrittenMemory));
            var decoded = Wire.ReadArray<float>(ref reader);
            decompressSeconds = Math.Min(decompressSeconds, stopwatch.Elapsed.TotalSeconds);
            if (!decoded.AsSpan().SequenceEqual(snapshot)) throw new InvalidOperationException("the codec changed the snapshot");
        }
        return ((double)compressed.Length / bytes, bytes / compressSeconds / 1e6, bytes / decompressSeconds / 1e6);
    }

    private static void Report(string name, string layout, string codec, byte[] bytes, int repeats,
        Func<byte[], byte[]> compress, Func<byte[], int, byte[]> decompress)
    {
        var compressSeconds = double.MaxValue;
        var decompressSeconds = double.MaxValue;
        var compressed = Array.Empty<byte>();
        for (var i = 0; i < repeats; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            compressed = compress(bytes);
            compressSeconds = Math.Min(compressSeconds, stopwatch.Elapsed.TotalSeconds);
            stopwatch.Restart();
            var restored = decompress(compressed, bytes.Length);
            decompressSeconds = Math.Min(decompressSeconds, stopwatch.Elapsed.TotalSeconds);
            if (!restored.AsSpan().SequenceEqual(bytes)) throw new InvalidOperationException($"{codec} did not restore the bytes");
        }
        Console.WriteLine($"  {name,-8} {layout,-11} {codec,-15} ratio {(double)compressed.Length / bytes.Length:0.000}  " +
            $"compress {bytes.Length / compressSeconds / 1e6,6:N0} MB/s  decompress {bytes.Length / decompressSeconds / 1e6,6:N0} MB/s");
    }

    private static byte[] BrotliCompress(byte[] source, int quality)
    {
        var destination = new byte[BrotliEncoder.GetMaxCompressedLength(source.Length)];
        if (!BrotliEncoder.TryCompress(source, destination, out var written, quality, 22)) throw new InvalidOperationException("brotli failed");
        return destination[..written];
    }

    private static byte[] BrotliDecompress(byte[] compressed, int length)
    {
        var destination = new byte[length];
        if (!BrotliDecoder.TryDecompress(compressed, destination, out var written) || written != length)
            throw new InvalidOperationException("brotli could not decompress");
        return destination;
    }

    private static byte[] DeflateCompress(byte[] source)
    {
        var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(source);
        return output.ToArray();
    }

    private static byte[] DeflateDecompress(byte[] compressed, int length)
    {
        var destination = new byte[length];
        using var deflate = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
        deflate.ReadExactly(destination);
        return destination;
    }
}
