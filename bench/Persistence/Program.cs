using System.Diagnostics;
using A3C.Actors.Persistence;
using Npgsql;

namespace A3C.Bench.Persistence;

/// <summary>
/// Snapshot write and load times for a learner-sized checkpoint (13 MiB weights + 26 MiB Adam
/// moments) on SQLite and PostgreSQL, plus how long <see cref="SnapshotWriter.Enqueue"/> holds the learner.
/// Usage: dotnet run -c Release --project bench/Persistence -- [--repeats N] [--postgres CONNECTION]
/// (the PostgreSQL row uses --postgres, else A3C_TEST_POSTGRES, else is left out).
/// </summary>
public static class Program
{
    private const int WeightsBytes = 13 << 20;
    private const int OptimizerBytes = 26 << 20;
    private const string Run = "bench";

    public static async Task<int> Main(string[] args)
    {
        var repeats = int.Parse(Option(args, "--repeats") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("A3C_TEST_POSTGRES");

        var snapshots = Enumerable.Range(1, repeats).Select(MakeSnapshot).ToList();
        var megabytes = snapshots[0].BlobBytes / (1024.0 * 1024.0);
        Console.WriteLine($"Snapshot: weights {WeightsBytes >> 20} MiB + optimizer {OptimizerBytes >> 20} MiB = {megabytes:F1} MiB, median of {repeats}");
        Console.WriteLine();
        Console.WriteLine($"{"store",-12} {"save ms",9} {"load ms",9} {"prune ms",9} {"save MiB/s",11} {"load MiB/s",11} {"enqueue us",11}");

        var sqliteDirectory = Path.Combine(Path.GetTempPath(), "a3c-persistence-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await MeasureAsync("sqlite", new PersistenceOptions(PersistenceProvider.Sqlite, Directory: sqliteDirectory), snapshots, megabytes);
        }
        finally
        {
            Directory.Delete(sqliteDirectory, recursive: true);
        }

        if (postgres is null)
        {
            Console.WriteLine("postgres     (skipped: pass --postgres or set A3C_TEST_POSTGRES)");
            return 0;
        }

        var schema = "bench_" + Guid.NewGuid().ToString("N");
        try
        {
            await MeasureAsync("postgres", new PersistenceOptions(PersistenceProvider.Postgres, ConnectionString: postgres, Schema: schema), snapshots, megabytes);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, PersistenceOptions options, List<Snapshot> snapshots, double megabytes)
    {
        await using var store = CheckpointStores.Open(options);
        // Warm-up: schema creation, JIT and connection set-up stay out of the figures.
        await store.Snapshots.SaveAsync(snapshots[0] with { SequenceNr = 0 });
        await store.Snapshots.LoadLatestValidAsync(Run);

        var saves = new List<double>();
        var loads = new List<double>();
        var prunes = new List<double>();
        foreach (var snapshot in snapshots)
        {
            saves.Add(await TimeAsync(() => store.Snapshots.SaveAsync(snapshot)));
            loads.Add(await TimeAsync(async () =>
            {
                var loaded = await store.Snapshots.LoadLatestValidAsync(Run);
                if (loaded.Snapshot?.SequenceNr != snapshot.SequenceNr)
                {
                    throw new InvalidOperationException($"loaded {loaded.Snapshot?.SequenceNr}, expected {snapshot.SequenceNr}");
                }
            }));
            // Re-hashes the newest snapshot, then deletes the previous one: the writer's work after each save.
            prunes.Add(await TimeAsync(() => store.Snapshots.PruneAsync(Run, keepLast: 1)));
        }

        // The learner's side: how long handing a snapshot to the background writer takes.
        var enqueues = new List<double>();
        await using (var writer = new SnapshotWriter(store.Snapshots, new SnapshotWriterOptions(MaxQueued: 2, KeepLast: 1)))
        {
            writer.Enqueue(snapshots[0] with { SequenceNr = 999 }); // warm-up
            foreach (var snapshot in snapshots)
            {
                var started = Stopwatch.GetTimestamp();
                writer.Enqueue(snapshot with { SequenceNr = snapshot.SequenceNr + 1000 });
                enqueues.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }

        var (save, load, prune) = (Median(saves), Median(loads), Median(prunes));
        Console.WriteLine(
            $"{name,-12} {save,9:F0} {load,9:F0} {prune,9:F0} {megabytes / (save / 1000),11:F0} {megabytes / (load / 1000),11:F0} {Median(enqueues),11:F1}");
    }

    private static Snapshot MakeSnapshot(int sequenceNr)
    {
        var random = new Random(sequenceNr);
        var weights = new byte[WeightsBytes];
        var optimizer = new byte[OptimizerBytes];
        random.NextBytes(weights);
        random.NextBytes(optimizer);
        return new Snapshot(
            Run, sequenceNr, DateTimeOffset.UtcNow, new SnapshotCounters(sequenceNr * 100, sequenceNr * 100_000, sequenceNr * 40),
            """{"config":"a3c { lr = 7e-4 }"}""",
            new Dictionary<string, ReadOnlyMemory<byte>> { ["weights"] = weights, ["optimizer"] = optimizer });
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
