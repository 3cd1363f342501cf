using System.Diagnostics;

namespace A3C.Host.Monitoring;

/// <summary>This process's resource use at one moment.</summary>
public sealed record ProcessStatistics(
    long ResidentBytes,
    long GcHeapBytes,
    double CpuSeconds,
    int Threads,
    DateTimeOffset StartTime,
    TimeSpan Uptime,
    IReadOnlyList<int> GcCollections)
{
    public static ProcessStatistics Capture()
    {
        using var process = Process.GetCurrentProcess();
        var start = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        return new ProcessStatistics(
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            process.TotalProcessorTime.TotalSeconds,
            process.Threads.Count,
            start,
            DateTimeOffset.UtcNow - start,
            Enumerable.Range(0, GC.MaxGeneration + 1).Select(GC.CollectionCount).ToList());
    }
}
