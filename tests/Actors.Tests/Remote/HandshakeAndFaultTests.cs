using A3C.Actors.Remote;
using A3C.Actors.Remote.Handshake;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime;
using A3C.Actors.Runtime.Event;

namespace A3C.Actors.Tests.Remote;

public sealed class HandshakeAndFaultTests : TwoNodeTestBase
{
    [Fact]
    public async Task The_secret_can_come_from_an_environment_variable_read_by_the_caller()
    {
        var variable = "A3C_TEST_REMOTE_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-the-environment");
        try
        {
            var secret = Environment.GetEnvironmentVariable(variable)!;
            await using var server = await RemoteNode.StartAsync("envServer", RemoteNode.FastSettings(secret));
            await using var client = await RemoteNode.StartAsync("envClient", RemoteNode.FastSettings(secret));
            server.System.ActorOf(Props.Create<EchoActor>(), "echo");

            var echo = await client.Remoting.ResolveAsync(server.PathOf("echo"), RemoteNode.Timeout);

            Assert.Equal(new Ping(3), await echo.Ask<Ping>(new Ping(3), RemoteNode.Timeout));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_and_both_sides_log_it_without_the_secret()
    {
        const string wrongSecret = "not-the-cluster-secret";
        await using var intruder = await RemoteNode.StartAsync("intruder", RemoteNode.FastSettings(wrongSecret));
        B.System.ActorOf(Props.Create<EchoActor>(), "echo");

        intruder.Remoting.Resolve(B.PathOf("echo")).Tell(new Ping(1), ActorRefs.NoSender);

        await B.ExpectLogAsync(l => l.Message.Contains("Refused connection") && l.Message.Contains("wrong shared secret"), "refusing the intruder");
        await intruder.ExpectLogAsync(l => l.Level == LogLevel.Error && l.Message.Contains("refused by the peer"), "about being refused");
        Assert.DoesNotContain(B.Log.Concat(intruder.Log), l => l.Message.Contains(wrongSecret) || l.Message.Contains(RemoteNode.Secret));
    }

    [Fact]
    public async Task A_peer_speaking_another_protocol_version_is_refused_with_the_reason()
    {
        using var peer = await RawPeer.ConnectAsync(B.Remoting.Address);

        await peer.SendHelloAsync(RemoteNode.Secret, version: 99);
        var reply = await peer.ReadFrameAsync();

        Assert.NotNull(reply);
        Assert.Equal(FrameKind.Refused, reply.Value.Header.Kind);
        Assert.Contains("protocol version 99", HandshakeReply.ReadRefusal(new(reply.Value.Payload)));
        await B.ExpectLogAsync(l => l.Message.Contains("Refused connection") && l.Message.Contains("protocol version 99"), "refusing version 99");
        Assert.True(await peer.IsClosedByNodeAsync());
    }

    [Fact]
    public async Task Garbage_bytes_close_only_that_connection()
    {
        using var peer = await RawPeer.ConnectAsync(B.Remoting.Address);
        var junk = new byte[1000];
        new Random(7).NextBytes(junk);

        await peer.Stream.WriteAsync(junk);

        Assert.True(await peer.IsClosedByNodeAsync());
        await B.ExpectLogAsync(l => l.Message.Contains("Closing connection"), "closing the junk connection");
        await AssertBStillServesAsync();
    }

    [Fact]
    public async Task A_frame_above_the_maximum_closes_the_connection()
    {
        using var peer = await RawPeer.ConnectAsync(B.Remoting.Address);
        await peer.SendHelloAsync(RemoteNode.Secret);
        Assert.Equal(FrameKind.Welcome, (await peer.ReadFrameAsync())!.Value.Header.Kind);

        var header = new System.Buffers.ArrayBufferWriter<byte>();
        new FrameHeader(100 * 1024 * 1024, FrameKind.Message, FrameFlags.None, 100).WriteTo(header);
        await peer.Stream.WriteAsync(header.WrittenMemory);

        Assert.True(await peer.IsClosedByNodeAsync());
        await B.ExpectLogAsync(l => l.Message.Contains("exceeds the maximum"), "about the oversized frame");
        await AssertBStillServesAsync();
    }

    [Fact]
    public async Task An_unknown_message_type_id_closes_the_connection()
    {
        using var peer = await RawPeer.ConnectAsync(B.Remoting.Address);
        await peer.SendHelloAsync(RemoteNode.Secret);
        Assert.Equal(FrameKind.Welcome, (await peer.ReadFrameAsync())!.Value.Header.Kind);

        await peer.SendMessageAsync(B.PathOf("echo"), typeId: 4242, body => body.WriteInt32(1));

        Assert.True(await peer.IsClosedByNodeAsync());
        await B.ExpectLogAsync(l => l.Message.Contains("unknown message type id 4242"), "about the unknown type id");
        await AssertBStillServesAsync();
    }

    [Fact]
    public async Task A_malformed_payload_closes_the_connection()
    {
        using var peer = await RawPeer.ConnectAsync(B.Remoting.Address);
        await peer.SendHelloAsync(RemoteNode.Secret);
        Assert.Equal(FrameKind.Welcome, (await peer.ReadFrameAsync())!.Value.Header.Kind);

        // A float[] claiming a million elements with four bytes behind it.
        await peer.SendMessageAsync(B.PathOf("echo"), typeId: 10, body => { body.WriteInt32(1_000_000); body.WriteInt32(0); });

        Assert.True(await peer.IsClosedByNodeAsync());
        await B.ExpectLogAsync(l => l.Message.Contains("malformed payload"), "about the malformed payload");
        await AssertBStillServesAsync();
    }

    [Fact]
    public async Task A_peer_that_never_says_hello_is_disconnected_after_the_handshake_timeout()
    {
        using var peer = await RawPeer.ConnectAsync(B.Remoting.Address);

        Assert.True(await peer.IsClosedByNodeAsync());
        await B.ExpectLogAsync(l => l.Message.Contains("no handshake"), "about the silent peer");
    }
}
