using System.Diagnostics;
using A3C.Actors.Remote;
using A3C.Actors.Runtime;
using A3C.Actors.Training.Cluster;
using A3C.Actors.Training.Messages;

namespace A3C.Bench.Remote;

/// <summary>
/// Loopback figures for remoting, every node in this one process, on our transport and on
/// Akka.Remote 1.5 (DotNetty TCP, <see cref="AkkaNode"/>) side by side: small-message round trips
/// with many in flight (as Akka.NET's RemotePingPong), PixelPong experience batches one way, a 13 MiB
/// weight snapshot to 8 nodes until all acknowledged, bulk 1 MB float arrays (ours only), and what
/// compressing such a snapshot costs and saves. Bulk and broadcast are followed by the same transfer
/// over plain sockets (<see cref="LoopbackLimit"/>): what loopback TCP allows on this machine.
/// Usage: dotnet run -c Release --project bench/Remote [-- --quick] [--chunk-kib 64]
///   [--case ping|experience|bulk|broadcast|compression] [--compression off|brotli]
///   [--transport ours|akka|both] [--akka-frame-mib 64] [--akka-buffer-kib 4096] [--akka-batching on|off]
/// </summary>
public static class Program
{
    private static RemoteSettings Settings = new() { Secret = "bench" };

    public static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var chunkArgument = Array.IndexOf(args, "--chunk-kib");
        if (chunkArgument >= 0) Settings = Settings with { ChunkSize = int.Parse(args[chunkArgument + 1]) * 1024 };
        var only = Argument(args, "--case");
        var compressionArgument = Array.IndexOf(args, "--compression");
        if (compressionArgument >= 0) Settings = Settings with { Compression = Enum.Parse<ArrayCompression>(args[compressionArgument + 1], ignoreCase: true) };
        if (only == "compression")
        {
            CompressionCase.Run(quick);
            return 0;
        }
        var transport = Argument(args, "--transport") ?? "both";
        var (ours, akka) = (transport is "ours" or "both", transport is "akka" or "both");
        var akkaOptions = AkkaTransportOptions.Default;
        if (Argument(args, "--akka-frame-mib") is { } frame) akkaOptions = akkaOptions with { MaximumFrameSize = int.Parse(frame) * 1024 * 1024 };
        if (Argument(args, "--akka-buffer-kib") is { } buffer) akkaOptions = akkaOptions with { SocketBufferSize = int.Parse(buffer) * 1024 };
        if (Argument(args, "--akka-batching") is { } batching) akkaOptions = akkaOptions with { Batching = batching == "on" };

        Console.WriteLine($"Remoting on loopback, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        if (ours) Console.WriteLine($"ours: chunk size {Settings.ChunkSize / 1024} KiB, compression {Settings.Compression} (arrays of {Settings.CompressionMinSize} bytes or more)");
        if (akka) Console.WriteLine($"akka: Akka.Remote 1.5.75 DotNetty TCP, {akkaOptions}, training messages on TrainingMessageSerializer");
        var summary = new List<(string Case, string Ours, string Akka, string AkkaWithChannel, string Goal)>();
        var pong = TrainingPayloads.PongExperience();
        var weights = SampleWeights.AtariSnapshot(13 * 1024 * 1024);
        var experienceMessages = quick ? 20 : 100;
        var rounds = quick ? 3 : 10;

        if (only is null or "ping")
        {
            var pingOurs = ours ? await WithOursAsync((a, b) => PingPongAsync(a, b, pairs: 8, window: 1000, roundTripsPerPair: quick ? 20_000 : 200_000)) : double.NaN;
            // Akka.Remote is an order of magnitude slower: a tenth of the round trips takes as long.
            var pingAkka = akka ? await WithAkkaAsync(akkaOptions, (a, b) => AkkaRemoteCases.PingPongAsync(a, b, pairs: 8, window: 1000, roundTripsPerPair: quick ? 2_000 : 20_000)) : double.NaN;
            summary.Add(("small messages, msgs/s (each way counted)", Format(pingOurs, "N0"), Format(pingAkka, "N0"), Format(pingAkka, "N0"), "as many as we can"));
        }
        if (only is null or "experience")
        {
            var experienceOurs = ours ? await WithOursAsync((a, b) => ExperienceAsync(a, b, pong, experienceMessages)) : double.NaN;
            var experienceAkka = akka ? await WithAkkaAsync(akkaOptions, (a, b) => AkkaRemoteCases.ExperienceAsync(a, b, pong, experienceMessages)) : double.NaN;
            var experienceChannel = akka ? await WithAkkaAsync(akkaOptions, (a, b) => AkkaRemoteCases.ChannelExperienceAsync(a, b, pong, experienceMessages)) : double.NaN;
            summary.Add(($"PixelPong experience, {experienceMessages} x {TrainingPayloads.Bytes(pong) / 1e6:0.0} MB one way, MB/s",
                Format(experienceOurs, "N0"), Format(experienceAkka, "N0"), Format(experienceChannel, "N0"), ">= 100 MB/s"));
        }
        if (only is null or "bulk")
        {
            if (ours) await WithOursAsync((a, b) => BulkAsync(a, b, arrayBytes: 1 << 20, messages: quick ? 100 : 1000));
            await LoopbackLimit.BulkAsync(arrayBytes: 1 << 20, messages: quick ? 100 : 1000);
        }
        if (only is null or "broadcast")
        {
            var broadcastOurs = ours ? await WithOursAsync((a, _) => BroadcastAsync(a, receivers: 8, weights, rounds)) : double.NaN;
            var broadcastAkka = akka ? await WithAkkaAsync(akkaOptions, (a, _) => AkkaRemoteCases.BroadcastAsync(a, akkaOptions, weights, receivers: 8, rounds)) : double.NaN;
            var broadcastChannel = akka ? await WithAkkaAsync(akkaOptions, (a, _) => AkkaRemoteCases.ChannelBroadcastAsync(a, akkaOptions, weights, receivers: 8, rounds)) : double.NaN;
            await LoopbackLimit.BroadcastAsync(receivers: 8, snapshotBytes: 13 * 1024 * 1024, rounds: rounds);
            summary.Add(("13 MiB WeightSnapshot to 8 nodes, all acked, median ms", Format(broadcastOurs, "0"), Format(broadcastAkka, "0"), Format(broadcastChannel, "0"), "<= 150 ms"));
        }

        Console.WriteLine();
        Console.WriteLine("| case | ours | Akka.Remote | Akka.Remote + tensor channel | goal |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var row in summary) Console.WriteLine($"| {row.Case} | {row.Ours} | {row.Akka} | {row.AkkaWithChannel} | {row.Goal} |");
        return 0;
    }

    private static string? Argument(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string Format(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Two fresh nodes on our transport for one case, gone after it, so cases do not share connections or heaps.</summary>
    private static async Task<T> WithOursAsync<T>(Func<Node, Node, Task<T>> run)
    {
        await using var a = await Node.StartAsync("benchA");
        await using var b = await Node.StartAsync("benchB");
        return await run(a, b);
    }

    private static async Task WithOursAsync(Func<Node, Node, Task> run) => await WithOursAsync(async (a, b) =>
    {
        await run(a, b);
        return 0;
    });

    private static async Task<T> WithAkkaAsync<T>(AkkaTransportOptions options, Func<AkkaNode, AkkaNode, Task<T>> run)
    {
        await using var a = AkkaNode.Start(options);
        await using var b = AkkaNode.Start(options);
        return await run(a, b);
    }

    private static async Task<double> PingPongAsync(Node a, Node b, int pairs, int window, int roundTripsPerPair)
    {
        // Warm up connections, JIT and caches.
        await RunPingPongAsync(a, b, pairs, window, roundTripsPerPair / 10, "warm");
        var cpu = CpuSeconds();
        var elapsed = await RunPingPongAsync(a, b, pairs, window, roundTripsPerPair, "run");
        cpu = CpuSeconds() - cpu;
        var roundTrips = (double)pairs * roundTripsPerPair;
        Console.WriteLine(
            $"ping-pong: {pairs} pairs x {window} in flight, {roundTrips:N0} round trips in {elapsed.TotalSeconds:0.00} s: " +
            $"{roundTrips / elapsed.TotalSeconds:N0} round trips/s = {2 * roundTrips / elapsed.TotalSeconds:N0} msgs/s (each way counted); " +
            $"{cpu:0.0} CPU-s = {2 * roundTrips / cpu:N0} msgs per CPU-second");
        return 2 * roundTrips / elapsed.TotalSeconds;
    }

    /// <summary>Experience batches one way through the training codecs, as a worker node sends them; MB/s.</summary>
    private static async Task<double> ExperienceAsync(Node worker, Node learner, ExperienceBatch<byte> batch, int messages)
    {
        var rate = 0.0;
        for (var round = 0; round < 2; round++) // the first round connects and warms up
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sink = learner.System.ActorOf(Props.Create(() => new ExperienceSink(messages, finished)), $"experience-sink-{round}");
            var remoteSink = await worker.Remoting.ResolveAsync($"{learner.Remoting.Address}{sink.Path.ToStringWithoutAddress()}", TimeSpan.FromSeconds(10));
            var cpu = CpuSeconds();
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < messages; i++) remoteSink.Tell(batch, ActorRefs.NoSender);
            await finished.Task;
            var seconds = stopwatch.Elapsed.TotalSeconds;
            cpu = CpuSeconds() - cpu;
            var megabytes = (double)messages * TrainingPayloads.Bytes(batch) / 1e6;
            rate = megabytes / seconds;
            if (round == 1)
                Console.WriteLine($"ours experience: {messages} PixelPong batches of {batch.Transitions.Count} transitions " +
                    $"({TrainingPayloads.Bytes(batch) / 1e6:0.0} MB each) in {seconds:0.00} s: {rate:N0} MB/s; {cpu:0.0} CPU-s = {megabytes / cpu:N0} MB per CPU-second");
        }
        return rate;
    }

    private static async Task<TimeSpan> RunPingPongAsync(Node a, Node b, int pairs, int window, int roundTrips, string tag)
    {
        var done = new List<Task>();
        var pingers = new List<(IActorRef Pinger, IActorRef Echo)>();
        for (var i = 0; i < pairs; i++)
        {
            var echo = b.System.ActorOf(Props.Create<Echo>(), $"echo-{tag}-{i}");
            var remoteEcho = await a.Remoting.ResolveAsync($"{b.Remoting.Address}{echo.Path.ToStringWithoutAddress()}", TimeSpan.FromSeconds(10));
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.Add(finished.Task);
            pingers.Add((a.System.ActorOf(Props.Create(() => new Pinger(remoteEcho, roundTrips, window, finished)), $"pinger-{tag}-{i}"), remoteEcho));
        }
        var stopwatch = Stopwatch.StartNew();
        foreach (var (pinger, _) in pingers) pinger.Tell("go", ActorRefs.NoSender);
        await Task.WhenAll(done);
        return stopwatch.Elapsed;
    }

    private static async Task BulkAsync(Node a, Node b, int arrayBytes, int messages)
    {
        // Weights, not random bits, so compression has something to do. With compression on, every
        // message is a distinct array (as gradients are): a node compresses each array once, and
        // sending one array a thousand times would time that cache.
        var payload = SampleWeights.AtariSnapshot(arrayBytes);
        var distinct = Settings.Compression != ArrayCompression.Off;
        for (var round = 0; round < 2; round++) // the first round warms up
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sink = b.System.ActorOf(Props.Create(() => new Sink(messages, finished)), $"sink-{round}");
            var remoteSink = await a.Remoting.ResolveAsync($"{b.Remoting.Address}{sink.Path.ToStringWithoutAddress()}", TimeSpan.FromSeconds(10));
            var cpu = CpuSeconds();
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < messages; i++) remoteSink.Tell(distinct ? (float[])payload.Clone() : payload, ActorRefs.NoSender);
            await finished.Task;
            var seconds = stopwatch.Elapsed.TotalSeconds;
            cpu = CpuSeconds() - cpu;
            var bytes = (double)messages * arrayBytes;
            if (round == 1)
                Console.WriteLine($"ours bulk: {messages} x {arrayBytes / 1024} KiB float[] in {seconds:0.00} s: {bytes / seconds / 1e6:N0} MB/s; " +
                    $"{cpu:0.0} CPU-s = {bytes / cpu / 1e6:N0} MB per CPU-second");
        }
    }

    private static async Task<double> BroadcastAsync(Node learner, int receivers, float[] weights, int rounds)
    {
        var nodes = new List<Node>();
        try
        {
            for (var i = 0; i < receivers; i++) nodes.Add(await Node.StartAsync($"worker{i}"));
            var times = new List<double>();
            var cpu = CpuSeconds();
            for (var round = 0; round <= rounds; round++) // round 0 connects and warms up
            {
                var acks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var collector = learner.System.ActorOf(Props.Create(() => new AckCollector(receivers, acks)), $"collector-{round}");
                var targets = new List<IActorRef>();
                foreach (var node in nodes)
                {
                    var acker = node.System.ActorOf(Props.Create<Acker>(), $"acker-{round}");
                    targets.Add(await learner.Remoting.ResolveAsync($"{node.Remoting.Address}{acker.Path.ToStringWithoutAddress()}", TimeSpan.FromSeconds(10)));
                }
                // A new snapshot per round, as a learner makes; filled before the clock starts.
                var snapshot = new WeightSnapshot(round, (float[])weights.Clone());
                var stopwatch = Stopwatch.StartNew();
                foreach (var target in targets) target.Tell(snapshot, collector);
                await acks.Task;
                if (round > 0) times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
            cpu = CpuSeconds() - cpu;
            times.Sort();
            Console.WriteLine(
                $"ours broadcast: {weights.Length * 4 / (1024 * 1024)} MiB WeightSnapshot to {receivers} nodes, all acked: " +
                $"median {times[times.Count / 2]:0.0} ms, min {times[0]:0.0} ms, max {times[^1]:0.0} ms over {rounds} rounds; " +
                $"{cpu * 1000 / (rounds + 1):0} CPU-ms per round");
            return times[times.Count / 2];
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    /// <summary>CPU time this process got: the machine may be shared, so wall-clock rates alone understate the code.</summary>
    public static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private sealed class Node : IAsyncDisposable
    {
        private Node(ActorSystem system, Remoting remoting)
        {
            System = system;
            Remoting = remoting;
        }

        public ActorSystem System { get; }

        public Remoting Remoting { get; }

        public static async Task<Node> StartAsync(string name)
        {
            var system = ActorSystem.Create(name, ActorSystemSettings.Default with { LogToStdErr = false });
            return new Node(system, await Remoting.StartAsync(system, Settings, TrainingCodecs.Registry()));
        }

        public async ValueTask DisposeAsync()
        {
            await Remoting.DisposeAsync();
            await System.Terminate();
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
            Receive<float[]>(_ =>
            {
                if (++received == expected) finished.TrySetResult();
            });
        }
    }

    private sealed class ExperienceSink : ReceiveActor
    {
        public ExperienceSink(int expected, TaskCompletionSource finished)
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
