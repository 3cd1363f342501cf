using System.Diagnostics;
using A3C.Actors.Runtime;

namespace A3C.Bench.Actors;

/// <summary>
/// Actor runtime throughput: ping-pong between pairs of actors (many messages in flight per pair)
/// and fan-in (many senders, one receiver), each with metrics on and off.
/// Each figure is the best of <c>repeats</c> runs: on a shared machine the best run is the one
/// least disturbed by other work.
/// Usage: dotnet run -c Release --project bench/Actors -- [messagesPerRun] [inFlightPerPair] [throughput] [repeats] [preferLocalQueue]
/// The per-actor metrics on Akka.NET have their own run: see <see cref="AkkaMetricsBenchmark"/>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "akka-metrics") return await AkkaMetricsBenchmark.Run(args[1..]);
        var messages = args.Length > 0 ? long.Parse(args[0]) : 4_000_000;
        var inFlight = args.Length > 1 ? int.Parse(args[1]) : 500;
        var throughput = args.Length > 2 ? int.Parse(args[2]) : 30;
        var repeats = args.Length > 3 ? int.Parse(args[3]) : 5;
        var preferLocal = args.Length <= 4 || bool.Parse(args[4]);
        var cores = Environment.ProcessorCount;

        Console.WriteLine($"Actor runtime benchmark: {cores} cores, .NET {Environment.Version}, throughput {throughput}, " +
                          $"{messages:N0} messages per run, {inFlight} in flight per pair, best of {repeats}, local queue {preferLocal}");
        await RunOnce(new PingPong(1, inFlight), messages / 4, metrics: true, throughput, preferLocal); // warm-up: JIT, thread pool

        var scenarios = new List<(string Name, IScenario Scenario)>();
        foreach (var pairs in new[] { 1, 2, cores, 2 * cores }.Distinct()) scenarios.Add(($"ping-pong, {pairs} pair(s)", new PingPong(pairs, inFlight)));
        scenarios.Add(($"fan-in, {4 * cores} senders -> 1", new FanIn(4 * cores, burst: inFlight)));

        Console.WriteLine();
        Console.WriteLine($"| {"scenario",-28} | {"metrics",-7} | {"msgs/s",12} | {"msgs/CPU-s",12} | {"ns/msg",7} | {"bytes/msg",9} |");
        Console.WriteLine($"|{new string('-', 30)}|{new string('-', 9)}|{new string('-', 14)}|{new string('-', 14)}|{new string('-', 9)}|{new string('-', 11)}|");
        foreach (var (name, scenario) in scenarios)
        {
            // Off and on alternate, so a burst of load from elsewhere hits both alike.
            Result off = default, on = default;
            for (var i = 0; i < repeats; i++)
            {
                off = Best(off, await RunOnce(scenario, messages, metrics: false, throughput, preferLocal));
                on = Best(on, await RunOnce(scenario, messages, metrics: true, throughput, preferLocal));
            }
            Print(name, "off", off);
            Print(name, "on", on);
            Console.WriteLine($"| {"  metrics overhead",-28} |         | {Overhead(off.Rate, on.Rate),12} | {Overhead(off.PerCpuSecond, on.PerCpuSecond),12} |         |           |");
        }
        return 0;
    }

    private static string Overhead(double off, double on) => $"{100.0 * (off - on) / off:0.0}%";

    private static Result Best(Result a, Result b) => b.Rate > a.Rate ? b : a;

    private static void Print(string name, string metrics, Result r) =>
        Console.WriteLine($"| {name,-28} | {metrics,-7} | {r.Rate,12:N0} | {r.PerCpuSecond,12:N0} | {1e9 / r.Rate,7:0.0} | {r.BytesPerMessage,9:0.000} |");

    private static async Task<Result> RunOnce(IScenario scenario, long messages, bool metrics, int throughput, bool preferLocal)
    {
        var settings = ActorSystemSettings.Default with { MetricsEnabled = metrics, Throughput = throughput, PreferLocalQueue = preferLocal };
        var system = ActorSystem.Create("bench", settings);
        var run = scenario.Prepare(system, messages);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();

        var processed = await run();

        var elapsed = Stopwatch.GetElapsedTime(started);
        // CPU time actually granted to this process: on a shared machine wall-clock rates
        // understate the runtime, messages per CPU-second do not.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await system.Terminate();
        return new Result(processed / elapsed.TotalSeconds, processed / cpu.TotalSeconds, (double)allocated / processed);
    }

    private readonly record struct Result(double Rate, double PerCpuSecond, double BytesPerMessage);
}

/// <summary>A workload: creates its actors, then (when invoked) runs and returns how many messages were processed.</summary>
public interface IScenario
{
    Func<Task<long>> Prepare(ActorSystem system, long messages);
}
