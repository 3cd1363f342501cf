using System.Buffers;
using System.Runtime.InteropServices;
using A3C.Actors.Remote;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Remote;

/// <summary>Large arrays are referenced, not copied, while a message is encoded; the bytes must come out the same.</summary>
public sealed class BulkEncodingTests
{
    [Fact]
    public void A_whole_array_is_shared_between_copied_fields_and_encodes_as_the_span_form_does()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => i * 0.5f).ToArray(); // 40 KB: above the sharing threshold
        using var segmented = new SegmentedBuffer(1024);
        segmented.WriteInt64(7);
        segmented.WriteArray<float>(values);
        segmented.WriteString("after");
        var expected = new ArrayBufferWriter<byte>();
        expected.WriteInt64(7);
        expected.WriteArray<float>(values.AsSpan());
        expected.WriteString("after");

        Assert.Equal(3, segmented.SegmentCount); // the number, the array's own bytes, the string
        Assert.True(MemoryMarshal.AsBytes(values.AsSpan()).Overlaps(segmented[1].Span), "the array should be referenced, not copied");
        var copied = new ArrayBufferWriter<byte>();
        segmented.CopyTo(copied);
        Assert.Equal(expected.WrittenSpan.ToArray(), copied.WrittenSpan.ToArray());
        Assert.Equal(expected.WrittenCount, segmented.Length);
    }

    [Fact]
    public void Reset_forgets_shared_bytes_and_a_null_array_still_encodes_as_empty()
    {
        using var segmented = new SegmentedBuffer(1024);
        segmented.WriteArray<float>(new float[8192]);
        segmented.Reset();
        segmented.WriteArray<float>((float[]?)null);

        var copied = new ArrayBufferWriter<byte>();
        segmented.CopyTo(copied);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(copied.WrittenMemory));
        Assert.Empty(Wire.ReadArray<float>(ref reader));
        Assert.True(reader.End);
    }
}

/// <summary>The per-connection ref cache must answer exactly as the node-wide resolution would.</summary>
public sealed class InboundRefCacheTests : IAsyncLifetime
{
    private RemoteNode _node = null!;

    public async Task InitializeAsync() => _node = await RemoteNode.StartAsync("refCache");

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_cached_ref_whose_actor_stopped_resolves_as_missing_not_as_the_dead_actor()
    {
        var actor = _node.System.ActorOf(Props.Create<EchoActor>(), "short-lived");
        var wire = Encode(actor);
        var cache = new InboundRefCache(_node.Remoting.Refs);
        Assert.Same(actor, Read(cache, wire));
        Assert.Same(actor, Read(cache, wire)); // answered by the cache

        var probe = _node.CreateProbe();
        probe.Watch(actor);
        _node.System.Stop(actor);
        await probe.ExpectMsgAsync<Terminated>();
        var deadline = DateTime.UtcNow + RemoteNode.Timeout; // a hang guard: the mailbox closes around the notification
        while (!((ActorRefBase)actor).IsTerminated && DateTime.UtcNow < deadline) await Task.Delay(10);

        Assert.IsType<MissingActorRef>(Read(cache, wire));
    }

    [Fact]
    public void Refs_of_other_nodes_and_no_ref_read_as_the_serializer_reads_them()
    {
        var cache = new InboundRefCache(_node.Remoting.Refs);
        var remote = _node.Remoting.Resolve("tcp://elsewhere@127.0.0.1:1/user/learner");

        Assert.Same(remote, Read(cache, Encode(remote)));
        Assert.Null(Read(cache, Encode(null)));
    }

    [Fact]
    public void A_path_split_across_buffer_segments_reads_as_the_same_ref()
    {
        var actor = _node.System.ActorOf(Props.Create<EchoActor>(), "split");
        var wire = Encode(actor);
        var cache = new InboundRefCache(_node.Remoting.Refs);
        Assert.Same(actor, Read(cache, wire));

        var first = new Segment(wire.AsMemory(0, 10));
        var last = first.Append(wire.AsMemory(10));
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        Assert.Same(actor, cache.Read(ref reader));
        Assert.True(reader.End);
    }

    [Fact]
    public void A_truncated_path_is_reported_as_malformed_payload()
    {
        var wire = Encode(_node.System.ActorOf(Props.Create<EchoActor>(), "truncated"));
        var cache = new InboundRefCache(_node.Remoting.Refs);

        Assert.Throws<InvalidDataException>(() => Read(cache, wire[..(wire.Length - 12)]));
    }

    private byte[] Encode(IActorRef? actor)
    {
        var output = new ArrayBufferWriter<byte>();
        _node.Remoting.Refs.Write(output, actor);
        return output.WrittenSpan.ToArray();
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

    private static IActorRef? Read(InboundRefCache cache, byte[] wire)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(wire));
        var actor = cache.Read(ref reader);
        Assert.True(reader.End);
        return actor;
    }
}
