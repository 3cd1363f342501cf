using System.Diagnostics;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Cluster.Tensors;
using Akka.Actor;

namespace A3C.Bench.Remote;

/// <summary>
/// The remoting cases on Akka.Remote, shaped as <see cref="Program"/>'s cases on our transport so
/// the two print side by side: small-message round trips, PixelPong experience one way, and a
/// 13 MiB weight snapshot to 8 receiving systems until all have acknowledged it.
/// </summary>
internal static class AkkaRemoteCases
{
    public static async Task<double> PingPongAsync(AkkaNode a, AkkaNode b, int pairs, int window, int roundTripsPerPair)
    {
        await RunPingPongAsync(a, b, pairs, window, roundTripsPerPair / 10, "warm");
        var cpu = Program.CpuSeconds();
        var elapsed = await RunPingPongAsync(a, b, pairs, window, roundTripsPerPair, "run");
        cpu = Program.CpuSeconds() - cpu;
        var messages = 2.0 * pairs * roundTripsPerPair;
        Console.WriteLine($"akka ping-pong: {pairs} pairs x {window} in flight, {messages / 2:N0} round trips in {elapsed.TotalSeconds:0.00} s: " +
            $"{messages / elapsed.TotalSeconds:N0} msgs/s (each way counted); {cpu:0.0} CPU-s = {messages / cpu:N0} msgs per CPU-second");
        return messages / elapsed.TotalSeconds;
    }

    private static async Task<TimeSpan> RunPingPongAsync(AkkaNode a, AkkaNode b, int pairs, int window, int roundTrips, string tag)
    {
        var done = new List<Task>();
        var pingers = new List<IActorRef>();
        for (var i = 0; i < pairs; i++)
        {
            var echo = await a.ResolveAsync(b, b.System.ActorOf(Props.Create<Echo>(), $"echo-{tag}-{i}"));
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.Add(finished.Task);
            pingers.Add(a.System.ActorOf(Props.Create(() => new Pinger(echo, roundTrips, window, finished)), $"pinger-{tag}-{i}"));
        }
        var stopwatch = Stopwatch.StartNew();
        foreach (var pinger in pingers) pinger.Tell("go");
        await Task.WhenAll(done).WaitAsync(TimeSpan.FromMinutes(5));
        return stopwatch.Elapsed;
    }

    /// <summary>Experience batches one way, from a worker's system to the learner's; MB/s.</summary>
    public static Task<double> ExperienceAsync(AkkaNode worker, AkkaNode learner, ExperienceBatch<byte> batch, int messages) =>
        MeasureExperienceAsync(worker, learner, batch, messages, "akka", "sink", (sink, _) => sink.Tell(batch));

    /// <summary>As <see cref="ExperienceAsync"/>, the batches on the tensor channel beside Akka.Remote.</summary>
    public static async Task<double> ChannelExperienceAsync(AkkaNode worker, AkkaNode learner, ExperienceBatch<byte> batch, int messages)
    {
        await using var link = await TensorChannel.Get(worker.System).ConnectAsync("127.0.0.1", TensorChannel.Get(learner.System).Port);
        // Distinct messages, as workers send: each is serialized once.
        return await MeasureExperienceAsync(worker, learner, batch, messages, "akka+channel", "channel-sink",
            (sink, i) => link.Send(sink, batch with { WeightVersion = i }));
    }

    /// <summary>PixelPong batches one way, sent by <paramref name="send"/> (the sink, the message's number); MB/s of the second round.</summary>
    private static async Task<double> MeasureExperienceAsync(AkkaNode worker, AkkaNode learner, ExperienceBatch<byte> batch, int messages,
        string label, string sinkName, Action<IActorRef, int> send)
    {
        var rate = 0.0;
        for (var round = 0; round < 2; round++) // the first round connects and warms up
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sink = await worker.ResolveAsync(learner, learner.System.ActorOf(Props.Create(() => new Sink(messages, finished)), $"{sinkName}-{round}"));
            var cpu = Program.CpuSeconds();
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < messages; i++) send(sink, i);
            await finished.Task.WaitAsync(TimeSpan.FromMinutes(5));
            var seconds = stopwatch.Elapsed.TotalSeconds;
            cpu = Program.CpuSeconds() - cpu;
            var megabytes = (double)messages * TrainingPayloads.Bytes(batch) / 1e6;
            rate = megabytes / seconds;
            if (round == 1)
                Console.WriteLine($"{label} experience: {messages} PixelPong batches of {batch.Transitions.Count} transitions " +
                    $"({TrainingPayloads.Bytes(batch) / 1e6:0.0} MB each) in {seconds:0.00} s: {rate:N0} MB/s; {cpu:0.0} CPU-s = {megabytes / cpu:N0} MB per CPU-second");
        }
        return rate;
    }

    /// <summary>A new snapshot each round to every receiver, timed until all have acknowledged; the median round in ms.</summary>
    public static Task<double> BroadcastAsync(AkkaNode learner, AkkaTransportOptions options, float[] weights, int receivers, int rounds) =>
        MeasureBroadcastAsync(learner, options, weights, receivers, rounds, channel: false);

    /// <summary>As <see cref="BroadcastAsync"/>, the snapshots on the tensor channel and the acknowledgements on Akka.Remote.</summary>
    public static Task<double> ChannelBroadcastAsync(AkkaNode learner, AkkaTransportOptions options, float[] weights, int receivers, int rounds) =>
        MeasureBroadcastAsync(learner, options, weights, receivers, rounds, channel: true);

    private static async Task<double> MeasureBroadcastAsync(AkkaNode learner, AkkaTransportOptions options, float[] weights, int receivers,
        int rounds, bool channel)
    {
        var label = channel ? "akka+channel" : "akka";
        var nodes = new List<AkkaNode>();
        var links = new List<TensorLink>();
        try
        {
            var ackers = new List<IActorRef>();
            for (var i = 0; i < receivers; i++)
            {
                var node = AkkaNode.Start(options);
                nodes.Add(node);
                ackers.Add(await learner.ResolveAsync(node, node.System.ActorOf(Props.Create<Acker>(), "acker")));
                if (channel) links.Add(await TensorChannel.Get(learner.System).ConnectAsync("127.0.0.1", TensorChannel.Get(node.System).Port));
            }
            var times = new List<double>();
            var cpu = Program.CpuSeconds();
            for (var round = 0; round <= rounds; round++) // round 0 connects and warms up
            {
                var acks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var collector = learner.System.ActorOf(Props.Create(() => new AckCollector(receivers, acks)), $"{(channel ? "channel-collector" : "collector")}-{round}");
                var snapshot = new WeightSnapshot(round, (float[])weights.Clone());
                var stopwatch = Stopwatch.StartNew();
                for (var i = 0; i < receivers; i++)
                {
                    if (channel) links[i].Send(ackers[i], snapshot, collector);
                    else ackers[i].Tell(snapshot, collector);
                }
                await acks.Task.WaitAsync(TimeSpan.FromMinutes(2));
                if (round > 0) times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
            cpu = Program.CpuSeconds() - cpu;
            times.Sort();
            Console.WriteLine($"{label} broadcast: {weights.Length * 4 / (1024 * 1024)} MiB WeightSnapshot to {receivers} systems" +
                $"{(channel ? " on the tensor channel" : "")}, all acked: " +
                $"median {times[times.Count / 2]:0.0} ms, min {times[0]:0.0} ms, max {times[^1]:0.0} ms over {rounds} rounds; " +
                $"{cpu * 1000 / (rounds + 1):0} CPU-ms per round");
            return times[times.Count / 2];
        }
        finally
        {
            foreach (var link in links) await link.DisposeAsync();
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(message => Sender.Tell(message));
    }

    /// <summary>Keeps <c>window</c> pings in flight until <c>total</c> have come back.</summary>
    private sealed class Pinger : ReceiveActor
    {
        public Pinger(IActorRef echo, int total, int window, TaskCompletionSource finished)
        {
            var sent = 0;
            var received = 0;
            Receive<string>(_ =>
            {
                for (; sent < Math.Min(window, total); sent++) echo.Tell(sent);
            });
            Receive<int>(_ =>
            {
                if (++received == total) finished.TrySetResult();
                else if (sent < total) echo.Tell(sent++);
            });
        }
    }

    private sealed class Sink : ReceiveActor
    {
        public Sink(int expected, TaskCompletionSource finished)
        {
            var received = 0;
            Receive<ExperienceBatch<byte>>(_ =>
            {
                if (++received == expected) finished.TrySetResult();
            });
        }
    }

    private sealed class Acker : ReceiveActor
    {
        public Acker() => Receive<WeightSnapshot>(snapshot => Sender.Tell(snapshot.Weights.Length));
    }

    private sealed class AckCollector : ReceiveActor
    {
        public AckCollector(int expected, TaskCompletionSource done)
        {
            var acks = 0;
            Receive<int>(_ =>
            {
                if (++acks == expected) done.TrySetResult();
            });
        }
    }
}
