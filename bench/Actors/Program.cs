using Akka.Actor;
using Akka.Configuration;

namespace A3C.Bench.Actors;

/// <summary>
/// Akka.NET's dispatcher: ping-pong between pairs of actors (many messages in flight per pair) and
/// fan-in (many senders, one receiver), beside the figures our own runtime recorded before the move
/// (bench/RESULTS.md, "Actor runtime"). Each figure is the best of <c>repeats</c> runs: on a shared
/// machine the best run is the one least disturbed by other work.
/// Usage: dotnet run -c Release --project bench/Actors -- [messagesPerRun] [inFlightPerPair] [throughput] [repeats]
/// The per-actor metrics have their own run: <c>akka-metrics</c> (see <see cref="AkkaMetricsBenchmark"/>).
/// </summary>
public static class Program
{
    // Our runtime's best recorded msgs/s on this machine (quiet re-run and the 03:14 UTC run, metrics off),
    // by scenario; it was deleted with the move, so these are quoted, not measured here.
    private static readonly Dictionary<string, double> OldRuntime = new()
    {
        ["ping-pong, 1 pair(s)"] = 17_234_946,
        ["ping-pong, 2 pair(s)"] = 29_995_823,
        ["ping-pong, 4 pair(s)"] = 25_034_783,
        ["fan-in, 8 senders -> 1"] = 11_535_317,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "akka-metrics") return await AkkaMetricsBenchmark.Run(args[1..]);
        var messages = args.Length > 0 ? long.Parse(args[0]) : 4_000_000;
        var inFlight = args.Length > 1 ? int.Parse(args[1]) : 500;
        var throughput = args.Length > 2 ? int.Parse(args[2]) : 30;
        var repeats = args.Length > 3 ? int.Parse(args[3]) : 5;
        var cores = Environment.ProcessorCount;

        Console.WriteLine($"Akka.NET dispatcher benchmark: {cores} cores, .NET {Environment.Version}, throughput {throughput}, " +
                          $"{messages:N0} messages per run, {inFlight} in flight per pair, best of {repeats}");
        await RunOnce(new PingPong(1, inFlight), messages / 4, throughput); // warm-up: JIT, thread pool

        var scenarios = new List<(string Name, IScenario Scenario)>();
        foreach (var pairs in new[] { 1, 2, cores, 2 * cores }.Distinct()) scenarios.Add(($"ping-pong, {pairs} pair(s)", new PingPong(pairs, inFlight)));
        scenarios.Add(($"fan-in, {4 * cores} senders -> 1", new FanIn(4 * cores, burst: inFlight)));

        Console.WriteLine();
        Console.WriteLine($"| {"scenario",-28} | {"msgs/s",12} | {"msgs/CPU-s",12} | {"ns/msg",7} | {"bytes/msg",9} | {"old runtime msgs/s",18} |");
        Console.WriteLine($"|{new string('-', 30)}|{new string('-', 14)}|{new string('-', 14)}|{new string('-', 9)}|{new string('-', 11)}|{new string('-', 20)}|");
        foreach (var (name, scenario) in scenarios)
        {
            MeasuredRun best = default;
            for (var i = 0; i < repeats; i++) best = MeasuredRun.Best(best, await RunOnce(scenario, messages, throughput));
            var old = OldRuntime.TryGetValue(name, out var recorded) ? $"{recorded,18:N0}" : $"{"-",18}";
            Console.WriteLine($"| {name,-28} | {best.Rate,12:N0} | {best.PerCpuSecond,12:N0} | {1e9 / best.Rate,7:0.0} | {best.BytesPerMessage,9:0.000} | {old} |");
        }
        return 0;
    }

    private static async Task<MeasuredRun> RunOnce(IScenario scenario, long messages, int throughput)
    {
        var config = ConfigurationFactory.ParseString($"akka.loglevel = WARNING, akka.actor.default-dispatcher.throughput = {throughput}");
        var system = ActorSystem.Create("bench", config);
        return await MeasuredRun.Of(system, scenario.Prepare(system, messages));
    }
}

/// <summary>A workload: creates its actors, then (when invoked) runs and returns how many messages were processed.</summary>
public interface IScenario
{
    Func<Task<long>> Prepare(ActorSystem system, long messages);
}
