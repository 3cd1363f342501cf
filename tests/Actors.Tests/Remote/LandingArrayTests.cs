using System.Buffers;
using System.Runtime.InteropServices;
using A3C.Actors.Remote;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Remote;

/// <summary>
/// A chunked message's largest raw array goes from the chunks straight into the array the decoded
/// message keeps; everything around it still reads back exactly, however the chunks fall.
/// </summary>
public sealed class LandingArrayTests
{
    private const int MaxMessageSize = 64 << 20;

    [Fact]
    public void The_encoder_places_the_largest_raw_array_and_not_a_smaller_or_compressed_one()
    {
        using var plain = new SegmentedBuffer(4096);
        plain.WriteInt64(7);
        plain.WriteArray<int>(new int[5_000]);     // 20 KB: shared, but smaller
        plain.WriteArray<double>(new double[9_000]); // 72 KB: the largest
        plain.WriteString("after");

        Assert.Equal(new ArrayPlacement(8 + 4 + 20_000 + 4, 72_000, ArrayElementKind.Double), plain.LargestArray);

        using var compressing = new SegmentedBuffer(4096, new ArrayCompressor(minArrayBytes: 1024));
        compressing.WriteArray<float>(new float[50_000]);
        Assert.False(compressing.LargestArray.Exists, "a compressed array's bytes are no array to land");
        compressing.Reset();
        Assert.Equal(default, compressing.LargestArray);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(7001)]     // chunks straddle the array's start and end
    [InlineData(1 << 20)]  // one chunk holds it all
    public void Fields_and_arrays_read_back_exactly_and_the_largest_array_is_the_landed_one(int chunkSize)
    {
        var actions = Enumerable.Range(0, 6_000).Select(i => i * 7 - 3).ToArray();
        var observations = Enumerable.Range(0, 40_000).Select(i => MathF.Sin(i) * 1e3f).ToArray();
        observations[5] = float.NaN;
        using var encoded = new SegmentedBuffer(4096);
        encoded.WriteInt64(42);
        encoded.WriteArray<int>(actions);
        encoded.WriteArray<float>(observations);
        encoded.WriteString("tail");

        using var reassembler = new ChunkReassembler(MaxMessageSize);
        var message = Reassemble(reassembler, Bytes(encoded), encoded.LargestArray, chunkSize);

        var reader = new SequenceReader<byte>(message);
        Assert.Equal(42, Wire.ReadInt64(ref reader));
        Assert.Equal(actions, Wire.ReadArray<int>(ref reader));
        var landing = Assert.IsType<LandingArray<float>>(LandingOf(message));
        var received = Wire.ReadArray<float>(ref reader);
        Assert.Equal("tail", Wire.ReadString(ref reader));
        Assert.True(reader.End);
        Assert.True(MemoryMarshal.AsBytes(observations.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(received.AsSpan())));
        Assert.False(landing.TryTake(observations.Length, out _), "the decoded array should be the landed one, not a copy of it");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 0)]
    [InlineData(0, 100)]
    [InlineData(3, 5)]
    public void An_array_at_either_end_of_the_message_or_filling_it_lands_whole(int before, int after)
    {
        var bytes = new byte[before + 40_000 + after];
        new Random(before * 31 + after).NextBytes(bytes);
        var placement = new ArrayPlacement(before, 40_000, ArrayElementKind.Int64);

        using var reassembler = new ChunkReassembler(MaxMessageSize);
        var message = Reassemble(reassembler, bytes, placement, chunkSize: 3_333);

        Assert.Equal(bytes.Length, message.Length);
        Assert.Equal(bytes, message.ToArray());
        var landing = Assert.IsType<LandingArray<long>>(LandingOf(message));
        Assert.Equal(before, landing.RunningIndex);
    }

    [Fact]
    public void An_array_read_as_another_element_type_is_copied_from_the_landed_bytes()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => i * 0.25f).ToArray();
        using var encoded = new SegmentedBuffer(4096);
        encoded.WriteArray<float>(values);
        using var reassembler = new ChunkReassembler(MaxMessageSize);
        var message = Reassemble(reassembler, Bytes(encoded), encoded.LargestArray, chunkSize: 8192);

        var reader = new SequenceReader<byte>(message);
        var asInts = Wire.ReadArray<int>(ref reader);

        Assert.True(reader.End);
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), asInts);
    }

    [Theory]
    [InlineData(100, 64, 8, 99, "unknown array element kind 99")]
    [InlineData(100, 64, 40, (int)ArrayElementKind.Single, "does not fit a message of 100 bytes")]
    [InlineData(100, 10, 6, (int)ArrayElementKind.Single, "does not fit")]   // not a whole number of floats
    [InlineData(100, -4, 8, (int)ArrayElementKind.Single, "does not fit")]
    [InlineData(100, 0, -8, (int)ArrayElementKind.Single, "does not fit")]
    [InlineData(MaxMessageSize + 1, 0, 8, (int)ArrayElementKind.Single, "exceeds the maximum")]
    public void A_first_chunk_whose_array_does_not_fit_is_a_protocol_violation(int length, int offset, int arrayLength, int kind, string reason)
    {
        var header = new FirstChunkHeader(length, new ArrayPlacement(offset, arrayLength, (ArrayElementKind)kind));
        using var reassembler = new ChunkReassembler(MaxMessageSize);

        var violation = Assert.Throws<ProtocolViolationException>(() =>
            reassembler.TryAdd(new FrameHeader(0, FrameKind.Chunk, FrameFlags.FirstChunk, 102), FirstChunk(header, new byte[16]), out _));

        Assert.Contains(reason, violation.Message);
    }

    private static LandingArray? LandingOf(ReadOnlySequence<byte> message)
    {
        for (var segment = message.Start.GetObject() as ReadOnlySequenceSegment<byte>; segment is not null; segment = segment.Next)
            if (segment is LandingArray landing) return landing;
        return null;
    }

    private static ReadOnlySequence<byte> FirstChunk(FirstChunkHeader header, ReadOnlySpan<byte> bytes)
    {
        var payload = new ArrayBufferWriter<byte>();
        header.WriteTo(payload);
        payload.Write(bytes);
        return new ReadOnlySequence<byte>(payload.WrittenMemory);
    }

    /// <summary>Feeds <paramref name="bytes"/> to the reassembler as chunks of <paramref name="chunkSize"/> and returns the message.</summary>
    private static ReadOnlySequence<byte> Reassemble(ChunkReassembler reassembler, byte[] bytes, ArrayPlacement placement, int chunkSize)
    {
        for (var start = 0; start < bytes.Length; start += chunkSize)
        {
            var piece = bytes.AsSpan(start, Math.Min(chunkSize, bytes.Length - start));
            var first = start == 0;
            var last = start + piece.Length == bytes.Length;
            var flags = (first ? FrameFlags.FirstChunk : 0) | (last ? FrameFlags.LastChunk : 0);
            var payload = first ? FirstChunk(new FirstChunkHeader(bytes.Length, placement), piece) : new ReadOnlySequence<byte>(piece.ToArray());
            var complete = reassembler.TryAdd(new FrameHeader((int)payload.Length, FrameKind.Chunk, flags, 102), payload, out var message);
            Assert.Equal(last, complete);
            if (complete) return message;
        }
        throw new InvalidOperationException("no last chunk");
    }

    private static byte[] Bytes(SegmentedBuffer buffer)
    {
        var output = new ArrayBufferWriter<byte>();
        buffer.CopyTo(output);
        return output.WrittenSpan.ToArray();
    }
}

/// <summary>Over a real connection: bulk messages arrive whole, and a lying first chunk closes only its connection.</summary>
public sealed class LandingArrayConnectionTests : TwoNodeTestBase
{
    protected override RemoteSettings SettingsOfA => RemoteNode.FastSettings() with { ChunkSize = 64 * 1024 };

    [Fact]
    public async Task A_batch_of_two_arrays_larger_than_a_chunk_arrives_bit_exact()
    {
        var probe = B.CreateProbe();
        B.System.ActorOf(Props.Create(() => new ForwardActor(probe)), "inbox");
        var random = new Random(3);
        var actions = Enumerable.Range(0, 50_000).Select(_ => random.Next()).ToArray();
        var observations = Enumerable.Range(0, 300_000).Select(_ => (float)random.NextDouble()).ToArray();

        A.Remoting.Resolve(B.PathOf("inbox")).Tell(new Batch(9, actions, observations, "rollout 9"), ActorRefs.NoSender);
        var received = await probe.ExpectMsgAsync<Batch>(TimeSpan.FromSeconds(60));

        Assert.Equal((9L, "rollout 9"), (received.Step, received.Tag));
        Assert.Equal(actions, received.Actions);
        Assert.True(observations.AsSpan().SequenceEqual(received.Observations));
    }

    [Fact]
    public async Task A_first_chunk_placing_its_array_outside_the_message_closes_only_that_connection()
    {
        using var peer = await RawPeer.ConnectAsync(B.Remoting.Address);
        await peer.SendHelloAsync(RemoteNode.Secret);
        Assert.Equal(FrameKind.Welcome, (await peer.ReadFrameAsync())!.Value.Header.Kind);

        var lie = new FirstChunkHeader(1000, new ArrayPlacement(900, 400, ArrayElementKind.Single));
        await peer.SendFrameAsync(FrameKind.Chunk, 102, output => { lie.WriteTo(output); output.Write(new byte[100]); }, FrameFlags.FirstChunk);

        Assert.True(await peer.IsClosedByNodeAsync());
        await B.ExpectLogAsync(l => l.Message.Contains("protocol violation") && l.Message.Contains("does not fit a message of 1000 bytes"),
            "about the misplaced array");
        await AssertBStillServesAsync();
    }
}
