using A3C.Actors.Monitoring;

namespace A3C.Bench.Actors;

/// <summary>
/// What the per-actor metrics cost on Akka.NET: ping-pong of one pair, plain against
/// instrumented, without a listener and with OpenTelemetry's Prometheus exporter attached.
/// Usage: dotnet run -c Release --project bench/Actors -- akka-metrics [messagesPerRun] [inFlight] [repeats]
/// </summary>
public static class AkkaMetricsBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        var messages = args.Length > 0 ? long.Parse(args[0]) : 1_000_000;
        var inFlight = args.Length > 1 ? int.Parse(args[1]) : 500;
        var repeats = args.Length > 2 ? int.Parse(args[2]) : 5;
        Console.WriteLine($"Akka.NET actor metrics: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                          $"{messages:N0} messages per run, {inFlight} in flight, best of {repeats}");
        await RunOnce(AkkaMetricsPingPong.Variants[^1], messages / 4, inFlight); // warm-up: JIT, thread pool

        var best = new MeasuredRun[AkkaMetricsPingPong.Variants.Count];
        for (var r = 0; r < repeats; r++)
            // The variants alternate, so a burst of load from elsewhere hits them all alike.
            for (var v = 0; v < best.Length; v++)
                best[v] = MeasuredRun.Best(best[v], await RunOnce(AkkaMetricsPingPong.Variants[v], messages, inFlight));

        Console.WriteLine();
        Console.WriteLine($"| {"variant",-32} | {"msgs/s",12} | {"ns/msg",7} | {"CPU ns/msg",10} | {"+CPU ns/msg",11} | {"bytes/msg",9} |");
        Console.WriteLine($"|{new string('-', 34)}|{new string('-', 14)}|{new string('-', 9)}|{new string('-', 12)}|{new string('-', 13)}|{new string('-', 11)}|");
        for (var v = 0; v < best.Length; v++)
        {
            var r = best[v];
            Console.WriteLine($"| {AkkaMetricsPingPong.Variants[v].Name,-32} | {r.Rate,12:N0} | {1e9 / r.Rate,7:0.0} | {r.CpuNanosecondsPerMessage,10:0.0} | " +
                              $"{r.CpuNanosecondsPerMessage - best[0].CpuNanosecondsPerMessage,11:+0.0;-0.0} | {r.BytesPerMessage,9:0.000} |");
        }
        return 0;
    }

    private static async Task<MeasuredRun> RunOnce(AkkaMetricsPingPong.Variant variant, long messages, int inFlight)
    {
        using var exporter = variant.Exported ? ActorMetricsExport.CreatePrometheusMeterProvider() : null;
        var (system, run) = AkkaMetricsPingPong.Prepare(variant, messages, inFlight);
        return await MeasuredRun.Of(system, run);
    }
}
