using System.Diagnostics;
using Akka.Actor;

namespace A3C.Bench.Actors;

/// <summary>What one benchmark run of an actor system cost: wall time, CPU time and allocation per message.</summary>
public readonly record struct MeasuredRun(double Rate, double PerCpuSecond, double BytesPerMessage)
{
    public double CpuNanosecondsPerMessage => 1e9 / PerCpuSecond;

    /// <summary>Runs <paramref name="run"/> (which returns the messages processed), then terminates <paramref name="system"/>.</summary>
    public static async Task<MeasuredRun> Of(ActorSystem system, Func<Task<long>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();

        var processed = await run();

        var elapsed = Stopwatch.GetElapsedTime(started);
        // CPU time actually granted to this process: on a shared machine wall-clock rates
        // understate the dispatcher, messages per CPU-second do not.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await system.Terminate();
        return new MeasuredRun(processed / elapsed.TotalSeconds, processed / cpu.TotalSeconds, (double)allocated / processed);
    }

    /// <summary>The faster of two runs: on a shared machine, the one least disturbed by other work.</summary>
    public static MeasuredRun Best(MeasuredRun a, MeasuredRun b) => b.Rate > a.Rate ? b : a;
}
