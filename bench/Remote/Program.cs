using System.Diagnostics;

namespace A3C.Bench.Remote;

/// <summary>
/// Loopback figures for the cluster's transports, every node in this one process: Akka.Remote 1.5
/// (DotNetty TCP, <see cref="AkkaNode"/>) and the tensor channel beside it, with small-message round
/// trips (as Akka.NET's RemotePingPong), PixelPong experience batches one way, and a 13 MiB weight
/// snapshot to 8 nodes until all acknowledged; bulk and broadcast over plain sockets
/// (<see cref="LoopbackLimit"/>) show what loopback TCP allows on this machine. Our former transport's
/// figures beside these, from the same cases, are in bench/RESULTS.md.
/// Usage: dotnet run -c Release --project bench/Remote [-- --quick] [--case ping|experience|bulk|broadcast]
///   [--akka-frame-mib 64] [--akka-buffer-kib 4096] [--akka-batching on|off]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var only = Argument(args, "--case");
        var akkaOptions = AkkaTransportOptions.Default;
        if (Argument(args, "--akka-frame-mib") is { } frame) akkaOptions = akkaOptions with { MaximumFrameSize = int.Parse(frame) * 1024 * 1024 };
        if (Argument(args, "--akka-buffer-kib") is { } buffer) akkaOptions = akkaOptions with { SocketBufferSize = int.Parse(buffer) * 1024 };
        if (Argument(args, "--akka-batching") is { } batching) akkaOptions = akkaOptions with { Batching = batching == "on" };

        Console.WriteLine($"Remoting on loopback, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        Console.WriteLine($"akka: Akka.Remote 1.5.75 DotNetty TCP, {akkaOptions}, training messages on TrainingMessageSerializer");
        var summary = new List<(string Case, string Akka, string AkkaWithChannel, string Goal)>();
        var pong = TrainingPayloads.PongExperience();
        var weights = SampleWeights.AtariSnapshot(13 * 1024 * 1024);
        var experienceMessages = quick ? 20 : 100;
        var rounds = quick ? 3 : 10;

        if (only is null or "ping")
        {
            var ping = await WithAkkaAsync(akkaOptions, (a, b) => AkkaRemoteCases.PingPongAsync(a, b, pairs: 8, window: 1000, roundTripsPerPair: quick ? 2_000 : 20_000));
            summary.Add(("small messages, msgs/s (each way counted)", Format(ping, "N0"), "(Akka.Remote)", ""));
        }
        if (only is null or "experience")
        {
            var akka = await WithAkkaAsync(akkaOptions, (a, b) => AkkaRemoteCases.ExperienceAsync(a, b, pong, experienceMessages));
            var channel = await WithAkkaAsync(akkaOptions, (a, b) => AkkaRemoteCases.ChannelExperienceAsync(a, b, pong, experienceMessages));
            summary.Add(($"PixelPong experience, {experienceMessages} x {TrainingPayloads.Bytes(pong) / 1e6:0.0} MB one way, MB/s",
                Format(akka, "N0"), Format(channel, "N0"), ">= 100 MB/s"));
        }
        if (only is null or "bulk") await LoopbackLimit.BulkAsync(arrayBytes: 1 << 20, messages: quick ? 100 : 1000);
        if (only is null or "broadcast")
        {
            var akka = await WithAkkaAsync(akkaOptions, (a, _) => AkkaRemoteCases.BroadcastAsync(a, akkaOptions, weights, receivers: 8, rounds));
            var channel = await WithAkkaAsync(akkaOptions, (a, _) => AkkaRemoteCases.ChannelBroadcastAsync(a, akkaOptions, weights, receivers: 8, rounds));
            await LoopbackLimit.BroadcastAsync(receivers: 8, snapshotBytes: 13 * 1024 * 1024, rounds: rounds);
            summary.Add(("13 MiB WeightSnapshot to 8 nodes, all acked, median ms", Format(akka, "0"), Format(channel, "0"), "<= 150 ms"));
        }

        Console.WriteLine();
        Console.WriteLine("| case | Akka.Remote | Akka.Remote + tensor channel | goal |");
        Console.WriteLine("|---|---:|---:|---|");
        foreach (var row in summary) Console.WriteLine($"| {row.Case} | {row.Akka} | {row.AkkaWithChannel} | {row.Goal} |");
        return 0;
    }

    private static string? Argument(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string Format(double value, string format) => value.ToString(format);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<T> WithAkkaAsync<T>(AkkaTransportOptions options, Func<AkkaNode, AkkaNode, Task<T>> run)
    {
        await using var a = AkkaNode.Start(options);
        await using var b = AkkaNode.Start(options);
        return await run(a, b);
    }

    /// <summary>CPU time this process got: the machine may be shared, so wall-clock rates alone understate the code.</summary>
    public static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
