using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using A3C.Actors.Training.Cluster;
using A3C.Actors.Training.Cluster.Tensors;
using A3C.Actors.Training.Messages;
using A3C.Models.Algorithms;
using Akka.Actor;
using Akka.TestKit;

namespace A3C.Training.Tests.Cluster;

/// <summary>
/// Two nodes in this process, each with Akka.Remote and a tensor channel on loopback: tensors cross
/// on the channel in order and intact, answers come back through Akka.Remote, and a connection
/// that sends anything but a frame of ours (garbage, an oversized length, an HTTP request, a frame
/// the serializer refuses, a frame cut short) is closed and counted while good links carry on.
/// </summary>
public sealed class TensorChannelTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly ActorSystem _other;

    public TensorChannelTests() : base(NodeSetup(), ClusterNodeSettings.SystemName)
    {
        _other = ActorSystem.Create(ClusterNodeSettings.SystemName, NodeSetup());
    }

    private static Akka.Actor.Setup.ActorSystemSetup NodeSetup() =>
        ClusterNodeConfig.Setup(new ClusterNodeSettings(ClusterRoles.Worker, "127.0.0.1", 0, []));

    private int OtherPort => TensorChannel.Get(_other).Port;

    [Fact]
    public async Task A_weight_snapshot_reaches_an_actor_on_the_other_node_intact_and_its_answer_comes_back_through_akka_remote()
    {
        var receiver = CreateTestProbe(_other);
        await using var link = await TensorChannel.Get(Sys).ConnectAsync("127.0.0.1", OtherPort);
        var weights = new float[3 * 1024 * 1024];
        new Random(1).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));

        link.Send(receiver.Ref, new WeightSnapshot(5, weights), TestActor);

        var snapshot = receiver.ExpectMsg<WeightSnapshot>(Bound);
        Assert.Equal(5, snapshot.Version);
        Assert.True(weights.AsSpan().SequenceEqual(snapshot.Weights), "the snapshot changed on the way");
        receiver.Reply(new BatchConsumed());
        ExpectMsg<BatchConsumed>(Bound);
        Assert.Equal(1, TensorChannel.Get(_other).FramesReceived);
    }

    [Fact]
    public async Task Messages_on_one_link_arrive_in_the_order_they_were_sent()
    {
        var receiver = CreateTestProbe(_other);
        await using var link = await TensorChannel.Get(Sys).ConnectAsync("127.0.0.1", OtherPort);

        for (var version = 0; version < 50; version++) link.Send(receiver.Ref, Experience(version));

        for (var version = 0; version < 50; version++) Assert.Equal(version, receiver.ExpectMsg<ExperienceBatch<float>>(Bound).WeightVersion);
    }

    [Fact]
    public async Task A_message_that_is_not_a_training_message_is_refused_at_the_sender()
    {
        await using var link = await TensorChannel.Get(Sys).ConnectAsync("127.0.0.1", OtherPort);

        var error = Assert.Throws<ArgumentException>(() => link.Send(TestActor, "hello"));
        Assert.Contains("String is not a training message; send it through Akka.Remote", error.Message);
    }

    public static TheoryData<string, byte[]> BadStarts => new()
    {
        { "garbage", [.. Enumerable.Range(0, 64).Select(i => (byte)(i * 37 + 11))] },
        { "oversized length", Header(int.MaxValue) },
        { "negative length", Header(-5) },
        { "HTTP request", Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n") },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public async Task A_connection_that_does_not_speak_the_channel_is_closed_and_counted_and_good_links_carry_on(string what, byte[] bytes)
    {
        var channel = TensorChannel.Get(_other);

        await AssertClosedAfterAsync(bytes);

        await AwaitAssertAsync(() => Assert.Equal(1, channel.RefusedConnections), Bound);
        var receiver = CreateTestProbe(_other);
        await using var link = await TensorChannel.Get(Sys).ConnectAsync("127.0.0.1", OtherPort);
        link.Send(receiver.Ref, Experience(1));
        receiver.ExpectMsg<ExperienceBatch<float>>(Bound, $"a good link after {what}");
    }

    [Fact]
    public async Task A_frame_whose_payload_fails_the_serializers_checks_is_refused_and_delivers_nothing()
    {
        var receiver = CreateTestProbe(_other);
        // A weight snapshot claiming a million floats with four bytes of them.
        var payload = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(8), 1_000_000);

        await AssertClosedAfterAsync(Frame(receiver.Ref.Path.ToStringWithAddress(Address(_other)), "WS", payload));

        await AwaitAssertAsync(() => Assert.Equal(1, TensorChannel.Get(_other).RefusedConnections), Bound);
        receiver.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_frame_cut_short_by_the_peer_closing_delivers_nothing_and_is_counted()
    {
        var receiver = CreateTestProbe(_other);
        var frame = Frame(receiver.Ref.Path.ToStringWithAddress(Address(_other)), "BC", []);
        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync("127.0.0.1", OtherPort);
            await socket.SendAsync(frame.AsMemory(0, frame.Length - 3), SocketFlags.None);
        }

        await AwaitAssertAsync(() => Assert.Equal(1, TensorChannel.Get(_other).RefusedConnections), Bound);
        receiver.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_hand_made_frame_of_ours_is_delivered()
    {
        // The same frame as above, whole: the refusals are about the damage, not the hand-made frame.
        var receiver = CreateTestProbe(_other);

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", OtherPort);
        await socket.SendAsync(Frame(receiver.Ref.Path.ToStringWithAddress(Address(_other)), "BC", []), SocketFlags.None);

        receiver.ExpectMsg<BatchConsumed>(Bound);
    }

    private async Task AssertClosedAfterAsync(byte[] bytes)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", OtherPort);
        await socket.SendAsync(bytes, SocketFlags.None);
        // The channel closes the connection: a read ends (0 bytes, or reset) instead of waiting.
        var buffer = new byte[16];
        try
        {
            Assert.Equal(0, await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Bound));
        }
        catch (SocketException)
        {
            // Reset by the peer: closed too.
        }
    }

    private static Address Address(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    private static ExperienceBatch<float> Experience(long version) =>
        new(new TransitionBatch<float>(1, 2, [1, 2], [0], [0.5f], [3, 4], [0.99f]), version, new WorkerReport([], 1, 0));

    private static byte[] Header(int length)
    {
        var header = new byte[8];
        Encoding.ASCII.GetBytes("A3CT", header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), length);
        return header;
    }

    /// <summary>A frame built by hand as the channel documents it, so the tests do not depend on the sender's code.</summary>
    private static byte[] Frame(string recipient, string manifest, byte[] payload)
    {
        var body = new List<byte>();
        foreach (var text in new[] { recipient, "", manifest })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            body.AddRange(BitConverter.GetBytes(bytes.Length));
            body.AddRange(bytes);
        }
        body.AddRange(payload);
        return [.. Header(body.Count), .. body];
    }

    protected override void AfterAll()
    {
        Shutdown(_other, verifySystemShutdown: false);
        base.AfterAll();
    }
}
