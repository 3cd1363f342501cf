using A3C.Actors.Remote;
using A3C.Actors.Runtime;
using A3C.Actors.Runtime.Event;

namespace A3C.Actors.Tests.Remote;

public sealed class MessagingTests : TwoNodeTestBase
{
    [Fact]
    public async Task Ask_reaches_an_actor_on_another_node_and_the_reply_comes_back()
    {
        B.System.ActorOf(Props.Create<EchoActor>(), "echo");

        var echo = await A.Remoting.ResolveAsync(B.PathOf("echo"), RemoteNode.Timeout);
        var reply = await echo.Ask<Ping>(new Ping(7), RemoteNode.Timeout);

        Assert.IsType<RemoteActorRef>(echo);
        Assert.Equal(new Ping(7), reply);
        Assert.NotEqual(0, ((ActorRefBase)echo).Uid);
    }

    [Fact]
    public async Task Tell_with_a_sender_gets_the_reply_at_that_sender()
    {
        B.System.ActorOf(Props.Create<EchoActor>(), "echo");
        var probe = A.CreateProbe();

        A.Remoting.Resolve(B.PathOf("echo")).Tell("hello", probe);

        Assert.Equal("hello", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task A_ref_inside_a_message_resolves_on_the_other_node_and_replies_reach_it()
    {
        B.System.ActorOf(Props.Create<RelayActor>(), "relay");
        var probe = A.CreateProbe();
        var forwarder = A.System.ActorOf(Props.Create(() => new ForwardActor(probe)), "inbox");

        A.Remoting.Resolve(B.PathOf("relay")).Tell(new Relay(forwarder, "four"), ActorRefs.NoSender);

        Assert.Equal(new Ping(4), await probe.ExpectMsgAsync<Ping>());
    }

    [Fact]
    public async Task Resolving_a_path_with_no_actor_fails_with_the_path_named()
    {
        var error = await Assert.ThrowsAsync<ActorNotFoundException>(
            () => A.Remoting.ResolveAsync(B.PathOf("nobody"), RemoteNode.Timeout));
        Assert.Contains("/user/nobody", error.Message);
    }

    [Fact]
    public async Task A_failure_reply_fails_the_remote_ask_with_the_cause_named()
    {
        B.System.ActorOf(Props.Create<FailureReplier>(), "failing");

        var target = await A.Remoting.ResolveAsync(B.PathOf("failing"), RemoteNode.Timeout);
        var error = await Assert.ThrowsAsync<RemoteActorFailureException>(() => target.Ask<Ping>(new Ping(1), RemoteNode.Timeout));

        Assert.Contains("InvalidOperationException", error.Message);
        Assert.Contains("no weights yet", error.Message);
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_the_order_sent()
    {
        const int count = 100_000;
        var report = B.CreateProbe();
        B.System.ActorOf(Props.Create(() => new SequenceChecker(count, report)), "checker");
        var checker = await A.Remoting.ResolveAsync(B.PathOf("checker"), RemoteNode.Timeout);

        for (var i = 0; i < count; i++) checker.Tell(new Numbered(i), ActorRefs.NoSender);

        Assert.Equal(new SequenceReport(count, OutOfOrder: 0), await report.ExpectMsgAsync<SequenceReport>(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_13_MB_payload_arrives_bit_exact_while_small_messages_from_others_pass_it()
    {
        var probe = B.CreateProbe();
        B.System.ActorOf(Props.Create(() => new ForwardActor(probe)), "inbox");
        var inbox = A.Remoting.Resolve(B.PathOf("inbox"));
        var weights = new float[13 * 1024 * 1024 / sizeof(float)];
        var random = new Random(42);
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)random.NextDouble() - 0.5f;
        weights[1] = float.NaN;
        weights[2] = float.NegativeZero;
        var learner = A.CreateProbe();
        var other = A.CreateProbe();

        // Queued before the connection is up, so the writer sees all of them at once.
        inbox.Tell(new Weights(weights), learner);
        inbox.Tell(new Ping(-1), learner);
        for (var i = 0; i < 100; i++) inbox.Tell(new Ping(i), other);

        var arrivals = new List<object>();
        for (var i = 0; i < 102; i++) arrivals.Add(await probe.ExpectMsgAsync<object>(TimeSpan.FromSeconds(60)));

        var received = Assert.Single(arrivals.OfType<Weights>()).Values;
        Assert.True(weights.AsSpan().SequenceEqual(received), "the payload changed on the way");
        Assert.Equal(BitConverter.SingleToInt32Bits(float.NegativeZero), BitConverter.SingleToInt32Bits(received[2]));
        var weightsAt = arrivals.FindIndex(m => m is Weights);
        Assert.True(weightsAt > 0, "small messages from another sender should not wait behind the large one");
        Assert.True(arrivals.IndexOf(new Ping(-1)) > weightsAt, "a sender's own later message must not overtake its large one");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => new Ping(i)), arrivals.OfType<Ping>().Where(p => p.Id >= 0));
    }

    [Fact]
    public async Task A_message_without_a_registered_codec_becomes_a_dead_letter_with_a_log_line()
    {
        B.System.ActorOf(Props.Create<EchoActor>(), "echo");
        var deadLetters = new TaskCompletionSource<DeadLetter>();
        using var _ = A.System.EventStream.Subscribe<DeadLetter>(d => deadLetters.TrySetResult(d));

        A.Remoting.Resolve(B.PathOf("echo")).Tell(new Unregistered(1), ActorRefs.NoSender);

        Assert.Equal(new Unregistered(1), (await deadLetters.Task.WaitAsync(RemoteNode.Timeout)).Message);
        await A.ExpectLogAsync(l => l.Message.Contains("no codec is registered") && l.Message.Contains(nameof(Unregistered)), "about the missing codec");
    }
}

public sealed class LimitTests
{
    [Fact]
    public async Task A_message_above_MaxMessageSize_is_not_sent_and_becomes_a_dead_letter()
    {
        var small = RemoteNode.FastSettings() with { ChunkSize = 4096, MaxMessageSize = 64 * 1024 };
        await using var sender = await RemoteNode.StartAsync("limitedSender", small);
        await using var receiver = await RemoteNode.StartAsync("limitedReceiver", small);
        var probe = receiver.CreateProbe();
        receiver.System.ActorOf(Props.Create(() => new ForwardActor(probe)), "inbox");
        var deadLetters = new TaskCompletionSource<DeadLetter>();
        using var _ = sender.System.EventStream.Subscribe<DeadLetter>(d => deadLetters.TrySetResult(d));
        var inbox = sender.Remoting.Resolve(receiver.PathOf("inbox"));

        inbox.Tell(new Weights(new float[32 * 1024]), ActorRefs.NoSender); // 128 KiB
        inbox.Tell(new Weights(new float[8 * 1024]), ActorRefs.NoSender);  // 32 KiB: chunked, within the limit

        Assert.IsType<Weights>((await deadLetters.Task.WaitAsync(RemoteNode.Timeout)).Message);
        Assert.Equal(8 * 1024, (await probe.ExpectMsgAsync<Weights>()).Values.Length);
        await sender.ExpectLogAsync(l => l.Message.Contains("above MaxMessageSize"), "about the oversized message");
    }

    [Fact]
    public async Task Telling_a_remote_ref_after_remoting_stopped_makes_a_dead_letter_not_an_exception()
    {
        var node = await RemoteNode.StartAsync("stopped");
        var remote = node.Remoting.Resolve("tcp://elsewhere@127.0.0.1:1/user/x");
        var deadLetters = new TaskCompletionSource<DeadLetter>();
        using var _ = node.System.EventStream.Subscribe<DeadLetter>(d => deadLetters.TrySetResult(d));
        await node.Remoting.DisposeAsync();

        remote.Tell(new Ping(1), ActorRefs.NoSender);

        Assert.Equal(new Ping(1), (await deadLetters.Task.WaitAsync(RemoteNode.Timeout)).Message);
        await node.DisposeAsync();
    }
}

public sealed class FailureReplier : ReceiveActor
{
    public FailureReplier() =>
        Receive<Ping>(_ => Sender.Tell(new StatusFailure(new InvalidOperationException("no weights yet"))));
}

public sealed class SelectionTests : TwoNodeTestBase
{
    [Fact]
    public async Task ActorSelection_of_a_remote_path_reaches_the_remote_actor()
    {
        B.System.ActorOf(Props.Create<EchoActor>(), "echo");

        var echo = await A.System.ActorSelection(B.PathOf("echo")).ResolveOne();

        Assert.IsType<RemoteActorRef>(echo);
        Assert.Equal(new Ping(9), await echo.Ask<Ping>(new Ping(9), RemoteNode.Timeout));
    }
}

public sealed class BroadcastTests
{
    [Theory]
    [InlineData(24 * 1024)]          // one frame, the array shared while encoding, copied into the pipe
    [InlineData(3 * 1024 * 1024)]    // chunks written from the array itself
    public async Task One_array_sent_to_two_nodes_arrives_bit_exact_at_both(int bytes)
    {
        await using var learner = await RemoteNode.StartAsync("broadcaster");
        await using var first = await RemoteNode.StartAsync("firstWorker");
        await using var second = await RemoteNode.StartAsync("secondWorker");
        var values = new float[bytes / sizeof(float)];
        var random = new Random(7);
        for (var i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        var snapshot = new Weights(values);

        var received = new List<float[]>();
        foreach (var worker in new[] { first, second })
        {
            var probe = worker.CreateProbe();
            worker.System.ActorOf(Props.Create(() => new ForwardActor(probe)), "inbox");
            learner.Remoting.Resolve(worker.PathOf("inbox")).Tell(snapshot, ActorRefs.NoSender);
            learner.Remoting.Resolve(worker.PathOf("inbox")).Tell(new Ping(1), ActorRefs.NoSender);
            received.Add((await probe.ExpectMsgAsync<Weights>(TimeSpan.FromSeconds(60))).Values);
            await probe.ExpectMsgAsync(new Ping(1));
        }

        Assert.All(received, r => Assert.True(values.AsSpan().SequenceEqual(r), "the snapshot changed on the way"));
        Assert.All(received, r => Assert.NotSame(values, r));
    }
}

/// <summary>Chunks larger than what the server's socket transport buffers by default (1 MiB).</summary>
public sealed class LargeChunkTests : TwoNodeTestBase
{
    private static readonly RemoteSettings FourMiBChunks = RemoteNode.FastSettings() with { ChunkSize = 4 * 1024 * 1024 };

    protected override RemoteSettings SettingsOfA => FourMiBChunks;

    protected override RemoteSettings SettingsOfB => FourMiBChunks;

    [Fact]
    public async Task A_chunk_larger_than_the_default_read_buffer_arrives_instead_of_stalling_its_connection()
    {
        // A frame is consumed only whole, so the receiving transport must keep reading past its
        // 1 MiB buffer until a 4 MiB chunk is complete.
        var values = Enumerable.Range(0, 3 * 1024 * 1024).Select(i => i * 0.5f).ToArray();
        var probe = B.CreateProbe();
        B.System.ActorOf(Props.Create(() => new ForwardActor(probe)), "inbox");

        A.Remoting.Resolve(B.PathOf("inbox")).Tell(new Weights(values), ActorRefs.NoSender);
        A.Remoting.Resolve(B.PathOf("inbox")).Tell(new Ping(2), ActorRefs.NoSender);

        var received = await probe.ExpectMsgAsync<Weights>(TimeSpan.FromSeconds(60));
        Assert.True(values.AsSpan().SequenceEqual(received.Values), "the array changed on the way");
        await probe.ExpectMsgAsync(new Ping(2));
    }
}
