using System.Diagnostics;
using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using Akka.Actor;
using Npgsql;

namespace A3C.Bench.Persistence;

/// <summary>
/// Checkpoint save and load times on Akka.Persistence.Sql for a learner-sized state (13 MiB weights +
/// 26 MiB Adam moments, Pong's), on SQLite and PostgreSQL, and what handing a state to the
/// <see cref="CheckpointKeeper"/> costs the learner; each beside the figures of the stores it
/// replaced and the issue's limits.
/// Usage: dotnet run -c Release --project bench/Persistence -- [--repeats N] [--postgres CONNECTION]
/// (the PostgreSQL row uses --postgres, else A3C_TEST_POSTGRES, else is left out).
/// </summary>
public static class Program
{
    private const int WeightsBytes = 13 << 20;
    private const int OptimizerBytes = 26 << 20;
    private const string Run = "bench";

    // bench/RESULTS.md, our own stores (SnapshotStoreBase), range of three runs on this machine.
    private static readonly Dictionary<string, string> Before = new()
    {
        ["sqlite"] = "save 802-1605 ms, load 138-315 ms, Enqueue 24-60 us",
        ["postgres"] = "save 799-1951 ms, load 250-422 ms, Enqueue 3 us",
    };

    public static async Task<int> Main(string[] args)
    {
        var repeats = int.Parse(Option(args, "--repeats") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("A3C_TEST_POSTGRES");

        var states = Enumerable.Range(1, repeats).Select(MakeState).ToList();
        var megabytes = states[0].BlobBytes / (1024.0 * 1024.0);
        Console.WriteLine($"Learner state: weights {WeightsBytes >> 20} MiB + optimizer {OptimizerBytes >> 20} MiB = {megabytes:F1} MiB, median of {repeats}");
        Console.WriteLine("Limits (SQLite): save <= 1000 ms, load <= 500 ms; hand-over in microseconds.");
        Console.WriteLine();
        var encodes = states.Select(state => Time(() => CheckpointEncoding.Encode(state))).ToList();
        var encoded = CheckpointEncoding.Encode(states[0]).Bytes;
        var decodes = states.Select(_ => Time(() => CheckpointEncoding.Decode(encoded))).ToList();
        Console.WriteLine($"Of which encoding with SHA-256 {Median(encodes):F0} ms, decoding with verification {Median(decodes):F0} ms (no database).");
        Console.WriteLine();
        Console.WriteLine($"{"store",-10} {"save ms",8} {"load ms",8} {"save MiB/s",11} {"load MiB/s",11} {"hand-over us",13}   before (own stores)");

        var sqliteDirectory = Path.Combine(Path.GetTempPath(), "a3c-persistence-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await MeasureAsync("sqlite", new PersistenceOptions(PersistenceProvider.Sqlite, Directory: sqliteDirectory), states, megabytes);
        }
        finally
        {
            Directory.Delete(sqliteDirectory, recursive: true);
        }

        if (postgres is null)
        {
            Console.WriteLine("postgres   (skipped: pass --postgres or set A3C_TEST_POSTGRES)");
            return 0;
        }

        var schema = "bench_" + Guid.NewGuid().ToString("N");
        try
        {
            await MeasureAsync("postgres", new PersistenceOptions(PersistenceProvider.Postgres, ConnectionString: postgres, Schema: schema), states, megabytes);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, PersistenceOptions options, List<LearnerState> states, double megabytes)
    {
        await using var store = await CheckpointStore.OpenAsync(options, Run, create: true);
        var keeper = store.System.ActorOf(CheckpointKeeper.Props(Run, keep: 2, started: null), "checkpoints");
        // Warm-up: table creation, JIT and connection set-up stay out of the figures.
        await StoreAsync(keeper, MakeState(0));
        await store.Reader.LoadLatestValidAsync(Run);

        var saves = new List<double>();
        var loads = new List<double>();
        var handOvers = new List<double>();
        foreach (var state in states)
        {
            var started = Stopwatch.GetTimestamp();
            keeper.Tell(new TakeCheckpoint(state));
            handOvers.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            await StoreAsync(keeper, state: null);
            saves.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            var (_, loaded) = await store.Reader.LoadLatestValidAsync(Run);
            loads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (loaded.Step != state.Step) throw new InvalidOperationException($"loaded step {loaded.Step}, expected {state.Step}");
        }

        var (save, load) = (Median(saves), Median(loads));
        Console.WriteLine($"{name,-10} {save,8:F0} {load,8:F0} {megabytes / (save / 1000),11:F0} {megabytes / (load / 1000),11:F0} {Median(handOvers),13:F1}   {Before[name]}");
    }

    /// <summary>Hands <paramref name="state"/> over (when given) and waits until everything handed over is stored.</summary>
    private static async Task StoreAsync(IActorRef keeper, LearnerState? state)
    {
        if (state is not null) keeper.Tell(new TakeCheckpoint(state));
        var flushed = await keeper.Ask<CheckpointsFlushed>(new FlushCheckpoints(), TimeSpan.FromMinutes(2));
        if (!flushed.AllStored) throw new InvalidOperationException($"step {flushed.UnstoredStep} was not stored: {flushed.Problem}");
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static LearnerState MakeState(int step)
    {
        var random = new Random(step);
        var weights = new byte[WeightsBytes];
        var optimizer = new byte[OptimizerBytes];
        random.NextBytes(weights);
        random.NextBytes(optimizer);
        return new LearnerState(step, step * 100_000L, step * 40L, -20.5 + step, DateTimeOffset.UtcNow, "A2C", "PongNoFrameskip-v4",
            "a3c { training.lr = 7e-4 }", weights, optimizer, RandomState: new byte[16]);
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
