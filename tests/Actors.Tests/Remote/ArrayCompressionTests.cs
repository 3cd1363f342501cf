using System.Buffers;
using System.Runtime.InteropServices;
using A3C.Actors.Remote;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Remote;

/// <summary>Arrays like a network's weights, the values compression is for.</summary>
internal static class SampleArrays
{
    /// <summary>Uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)), PyTorch's default initialisation of linear layers.</summary>
    public static float[] Weights(int count, int fanIn, int seed)
    {
        var random = new Random(seed);
        var bound = 1 / MathF.Sqrt(fanIn);
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = (2 * random.NextSingle() - 1) * bound;
        return values;
    }

    public static float[] RandomBits(int count, int seed)
    {
        var values = new float[count];
        new Random(seed).NextBytes(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}

/// <summary>Encoding and decoding of compressed arrays, without a network.</summary>
public sealed class CompressedArrayEncodingTests
{
    [Theory]
    [InlineData(1_000, 1)]
    [InlineData(70_000, 1)]
    [InlineData(70_000, 3)]   // the compressed bytes split across segments, as a socket's pipe may deliver them
    [InlineData(70_000, 40)]
    public void A_compressed_array_reads_back_bit_exact_from_any_segmentation(int count, int segments)
    {
        var weights = SampleArrays.Weights(count, fanIn: 256, seed: count);
        weights[0] = float.NaN;
        weights[1] = float.NegativeZero;
        weights[2] = float.Epsilon;

        var encoded = Encode(new ArrayCompressor(minArrayBytes: 1024), weights);
        var reader = new SequenceReader<byte>(Split(encoded, segments));
        var decoded = Wire.ReadArray<float>(ref reader);

        Assert.Equal(CompressedArray.Marker, BitConverter.ToInt32(encoded));
        Assert.True(encoded.Length < count * sizeof(float), $"weights should compress; {encoded.Length} bytes for {count} floats");
        Assert.True(reader.End);
        Assert.True(MemoryMarshal.AsBytes(weights.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(decoded.AsSpan())));
    }

    [Fact]
    public void Zeros_shrink_a_thousandfold_and_read_back()
    {
        var zeros = new float[1 << 20];

        var encoded = Encode(new ArrayCompressor(minArrayBytes: 1024), zeros);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(encoded));

        Assert.True(encoded.Length < zeros.Length * sizeof(float) / 1000, $"{encoded.Length} bytes for 4 MiB of zeros");
        Assert.Equal(zeros, Wire.ReadArray<float>(ref reader));
    }

    [Fact]
    public void Other_element_sizes_round_trip_through_their_own_byte_planes()
    {
        var compressor = new ArrayCompressor(minArrayBytes: 1024);
        var longs = Enumerable.Range(0, 5_000).Select(i => (long)i * i).ToArray();
        var bytes = Enumerable.Range(0, 5_000).Select(i => (byte)(i % 7)).ToArray();

        var longReader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encode(compressor, longs)));
        var byteReader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encode(compressor, bytes)));

        Assert.Equal(longs, Wire.ReadArray<long>(ref longReader));
        Assert.Equal(bytes, Wire.ReadArray<byte>(ref byteReader));
    }

    [Fact]
    public void Random_bits_and_arrays_below_the_minimum_go_raw()
    {
        var compressor = new ArrayCompressor(minArrayBytes: 64 * 1024);
        var noise = SampleArrays.RandomBits(20_000, seed: 1);
        var small = SampleArrays.Weights(1_000, fanIn: 64, seed: 2);

        Assert.False(compressor.TryCompress(noise, out _));
        Assert.False(compressor.TryCompress(small, out _));
        var encoded = Encode(compressor, noise);
        Assert.Equal(noise.Length, BitConverter.ToInt32(encoded)); // the plain form: count, then raw bytes
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(encoded));
        Assert.Equal(noise, Wire.ReadArray<float>(ref reader));
    }

    [Fact]
    public void An_array_is_compressed_once_however_many_connections_send_it()
    {
        var compressor = new ArrayCompressor(minArrayBytes: 1024);
        var snapshot = SampleArrays.Weights(50_000, fanIn: 512, seed: 3);

        Assert.True(compressor.TryCompress(snapshot, out var first));
        Assert.True(compressor.TryCompress(snapshot, out var second));

        Assert.True(first.Span.Overlaps(second.Span) && first.Length == second.Length, "the second send should reuse the first's bytes");
    }

    [Fact]
    public void A_stream_that_decompresses_to_another_length_than_announced_is_malformed()
    {
        var planes = CompressedArray.Compress(new byte[4000], elementSize: 4)!.Value;

        var tooShort = Assert.Throws<InvalidDataException>(() => Read(CompressedPayload(2000, planes.Span)));
        var tooLong = Assert.Throws<InvalidDataException>(() => Read(CompressedPayload(500, planes.Span)));
        var truncated = Assert.Throws<InvalidDataException>(() => Read(CompressedPayload(1000, planes.Span[..^4])));

        Assert.Contains("announced 8000", tooShort.Message);
        Assert.Contains("more than the 2000 bytes it announced", tooLong.Message);
        Assert.Contains("ends early", truncated.Message);
        Assert.Equal(new float[1000], Read(CompressedPayload(1000, planes.Span)));
    }

    [Fact]
    public void A_claim_above_the_decompression_cap_is_refused_before_anything_is_allocated()
    {
        // A few hundred bytes of zeros could announce 1 GiB: the claim alone is refused.
        var planes = CompressedArray.Compress(new byte[4000], elementSize: 4)!.Value;
        var claimed = CompressedArray.MaxDecompressedBytes / sizeof(float) + 1;

        var error = Assert.Throws<InvalidDataException>(() => Read(CompressedPayload(claimed, planes.Span)));

        Assert.Contains($"claims {claimed} elements", error.Message);
        Assert.Contains($"above the {CompressedArray.MaxDecompressedBytes} bytes", error.Message);
    }

    [Fact]
    public void An_array_above_the_decompression_cap_is_sent_raw()
    {
        var compressor = new ArrayCompressor(minArrayBytes: 1024);
        var overCap = new byte[CompressedArray.MaxDecompressedBytes + 1];

        Assert.False(compressor.TryCompress(overCap, out _));
        Assert.True(compressor.TryCompress(new byte[1 << 20], out _));
    }

    /// <summary>A compressed float[] as it appears on the wire, announcing <paramref name="count"/> elements.</summary>
    internal static byte[] CompressedPayload(int count, ReadOnlySpan<byte> compressed, byte codec = CompressedArray.BrotliBytePlanes)
    {
        var output = new ArrayBufferWriter<byte>();
        CompressedArray.WriteHeader(output, count, compressed.Length);
        output.Write(compressed);
        var payload = output.WrittenSpan.ToArray();
        payload[sizeof(int)] = codec;
        return payload;
    }

    private static float[] Read(byte[] payload)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(payload));
        return Wire.ReadArray<float>(ref reader);
    }

    private static byte[] Encode<T>(ArrayCompressor compressor, T[] values) where T : unmanaged
    {
        using var buffer = new SegmentedBuffer(16 * 1024, compressor);
        buffer.WriteArray<T>(values);
        var output = new ArrayBufferWriter<byte>();
        buffer.CopyTo(output);
        return output.WrittenSpan.ToArray();
    }

    private static ReadOnlySequence<byte> Split(byte[] bytes, int segments)
    {
        var size = (bytes.Length + segments - 1) / segments;
        var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)));
        var last = first;
        for (var start = size; start < bytes.Length; start += size)
            last = last.Append(bytes.AsMemory(start, Math.Min(size, bytes.Length - start)));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}

/// <summary>
/// Over a real loopback connection: node A compresses arrays of 1 KiB and more, node B does not,
/// and B reads what A sends all the same.
/// </summary>
public sealed class ArrayCompressionTests : TwoNodeTestBase
{
    private const int ChunkSize = 64 * 1024;

    protected override RemoteSettings SettingsOfA =>
        RemoteNode.FastSettings() with { Compression = ArrayCompression.Brotli, CompressionMinSize = 1024, ChunkSize = ChunkSize };

    [Fact]
    public async Task Weights_around_the_chunk_size_arrive_bit_exact_in_fewer_bytes()
    {
        // Raw sizes below, at and above one chunk, and compressed sizes on both sides of it (weights shrink to about 85%).
        int[] counts = [1_000, ChunkSize / 4 - 1, ChunkSize / 4, ChunkSize / 4 + 1, 19_000, 19_300, 19_600, 20_000, 300_000];
        var sent = counts.Select((count, i) => SampleArrays.Weights(count, fanIn: 64 << (i % 4), seed: i)).ToList();

        var received = await SendToBAsync(sent);

        for (var i = 0; i < sent.Count; i++)
            Assert.True(MemoryMarshal.AsBytes(sent[i].AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(received[i].AsSpan())), $"array of {counts[i]} changed on the way");
        var rawBytes = counts.Sum(c => (long)c * sizeof(float));
        var bytesSent = A.Remoting.Peers().Single(p => p.Address == B.Remoting.Address).BytesSent;
        Assert.True(bytesSent < rawBytes * 0.9, $"{bytesSent} bytes sent for {rawBytes} bytes of weights: not compressed");
    }

    [Fact]
    public async Task Incompressible_and_extremely_compressible_arrays_arrive_bit_exact()
    {
        // Random bits go raw; zeros (Adam's moments before the first step) shrink a thousandfold.
        float[][] sent = [SampleArrays.RandomBits(ChunkSize / 4 + 3, seed: 1), new float[1 << 20], SampleArrays.RandomBits(300_000, seed: 2)];

        var received = await SendToBAsync(sent);

        for (var i = 0; i < sent.Length; i++)
            Assert.True(MemoryMarshal.AsBytes(sent[i].AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(received[i].AsSpan())), $"array {i} changed on the way");
    }

    [Theory]
    [InlineData("garbage", "compressed Single[]")]
    [InlineData("too-long", "decompresses to more than")]
    [InlineData("too-short", "it announced 8000")]
    [InlineData("codec", "unknown compression codec 9")]
    [InlineData("length", "claims 1000000 compressed bytes")]
    public async Task A_corrupt_compressed_array_closes_only_its_connection(string corruption, string reason)
    {
        var zeros = CompressedArray.Compress(new byte[4000], elementSize: 4)!.Value.ToArray();
        var garbage = zeros.ToArray();
        new Random(5).NextBytes(garbage.AsSpan(2, garbage.Length - 4));
        var payload = corruption switch
        {
            "garbage" => CompressedArrayEncodingTests.CompressedPayload(1000, garbage),
            "too-long" => CompressedArrayEncodingTests.CompressedPayload(500, zeros),
            "too-short" => CompressedArrayEncodingTests.CompressedPayload(2000, zeros),
            "codec" => CompressedArrayEncodingTests.CompressedPayload(1000, zeros, codec: 9),
            _ => CompressedArrayEncodingTests.CompressedPayload(1000, zeros),
        };
        if (corruption == "length") BitConverter.TryWriteBytes(payload.AsSpan(9), 1_000_000);
        using var peer = await RawPeer.ConnectAsync(B.Remoting.Address);
        await peer.SendHelloAsync(RemoteNode.Secret);
        Assert.Equal(FrameKind.Welcome, (await peer.ReadFrameAsync())!.Value.Header.Kind);

        await peer.SendMessageAsync(B.PathOf("echo"), typeId: 10, body => body.Write(payload));

        Assert.True(await peer.IsClosedByNodeAsync());
        await B.ExpectLogAsync(l => l.Message.Contains("malformed payload") && l.Message.Contains(reason), $"about the corrupt array ({reason})");
        await AssertBStillServesAsync();
    }

    private async Task<List<float[]>> SendToBAsync(IReadOnlyList<float[]> arrays)
    {
        var probe = B.CreateProbe();
        B.System.ActorOf(Props.Create(() => new ForwardActor(probe)), "inbox");
        var inbox = A.Remoting.Resolve(B.PathOf("inbox"));
        foreach (var values in arrays) inbox.Tell(new Weights(values), ActorRefs.NoSender);
        var received = new List<float[]>();
        foreach (var _ in arrays) received.Add((await probe.ExpectMsgAsync<Weights>(TimeSpan.FromSeconds(60))).Values);
        return received;
    }
}
