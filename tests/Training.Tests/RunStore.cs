using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace A3C.Training.Tests;

/// <summary>
/// A checkpoint store of its own for one test (a temporary SQLite directory, or a PostgreSQL schema
/// dropped afterwards), with helpers to train into it, read it and damage what it holds.
/// </summary>
internal sealed class RunStore : IAsyncDisposable
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    // Injected faults would print an error line each; the tests count restarts instead.
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = OFF, akka.stdout-loglevel = OFF");

    private readonly Func<string, string, Task> _execute;
    private readonly Func<string, string> _table;
    private readonly Func<ValueTask> _cleanUp;

    private RunStore(PersistenceOptions options, Func<string, string, Task> execute, Func<string, string> table, Func<ValueTask> cleanUp)
    {
        Options = options;
        _execute = execute;
        _table = table;
        _cleanUp = cleanUp;
    }

    public PersistenceOptions Options { get; }

    /// <summary>What the learner's checkpointing reported as not stored, across every run trained here.</summary>
    public List<string> WriteProblems { get; } = [];

    /// <summary>Whether the last run trained here had its final snapshot stored.</summary>
    public bool? FinalSnapshotStored { get; private set; }

    /// <summary>Runs SQL on the run's database, behind the plugin's back (to make its writes fail, say).</summary>
    public Task ExecuteSqlAsync(string run, string sql) => _execute(run, sql);

    public static RunStore Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "a3c-training-tests", Guid.NewGuid().ToString("N"));
        return new RunStore(new PersistenceOptions(PersistenceProvider.Sqlite, directory),
            async (run, sql) =>
            {
                await using var connection = new SqliteConnection(CheckpointPersistenceConfig.SqliteConnection(SqliteCheckpointFile.PathOf(directory, run)));
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            },
            table => table,
            () =>
            {
                SqliteConnection.ClearAllPools();
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
                return ValueTask.CompletedTask;
            });
    }

    /// <summary>A store in a schema of its own, dropped when the test ends.</summary>
    public static RunStore Postgres(string connectionString)
    {
        var schema = "test_" + Guid.NewGuid().ToString("N");
        return new RunStore(new PersistenceOptions(PersistenceProvider.Postgres, ConnectionString: connectionString, Schema: schema),
            (_, sql) => ExecuteAsync(connectionString, sql),
            table => $"\"{schema}\".\"{table}\"",
            async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(connectionString, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            });
    }

    /// <summary>
    /// Trains <paramref name="recipe"/> to its end in an actor system carrying the run's checkpoint
    /// store, as <c>a3c train</c> does, then waits for its checkpoints to be stored.
    /// </summary>
    public async Task<TrainingFinished> TrainAsync(TrainingRecipe recipe, Action<TrainingProgress>? onProgress = null,
        CancellationToken cancellationToken = default)
    {
        using var hangGuard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hangGuard.CancelAfter(HangGuard);
        await CheckpointStore.PrepareAsync(Options, recipe.RunName, create: true, cancellationToken);
        using var system = ActorSystem.Create(TrainingSession.SystemName, Quiet.WithFallback(CheckpointStore.ConfigFor(Options, recipe.RunName)));
        var checkpoints = new LearnerCheckpoints(system, recipe, "the test", problem => { lock (WriteProblems) WriteProblems.Add(problem); });
        try
        {
            await using var listener = onProgress is null ? null : EventStreamListener.Start(system, onProgress);
            return await TrainingSession.RunAsync(system, recipe, checkpoints, hangGuard.Token);
        }
        finally
        {
            await checkpoints.DisposeAsync();
            FinalSnapshotStored = checkpoints.FinalSnapshotStored;
            await system.Terminate();
        }
    }

    /// <summary>The run's store opened for reading, as <c>a3c checkpoints</c> opens it.</summary>
    public Task<CheckpointStore> OpenAsync(string run) => CheckpointStore.OpenAsync(Options, run, create: false);

    public async Task<ResumePoint> LoadLatestAsync(string run, Action<string>? onProblem = null)
    {
        await using var store = await OpenAsync(run);
        return await ResumePoint.LoadLatestAsync(store.Reader, run, onProblem);
    }

    public async Task<IReadOnlyList<object>> EventsAsync(string run)
    {
        await using var store = await OpenAsync(run);
        return await store.Reader.EventsAsync(run);
    }

    /// <summary>Inverts one byte of a stored snapshot in the plugin's table, as a failing disk would.</summary>
    public async Task FlipSnapshotByteAsync(string run, long snapshotSequenceNr, int offset)
    {
        var where = $"WHERE persistence_id = '{run}' AND sequence_number = {snapshotSequenceNr}";
        if (Options.Provider == PersistenceProvider.Postgres)
        {
            await _execute(run, $"UPDATE {_table("snapshot")} SET snapshot = set_byte(snapshot, {offset}, 255 - get_byte(snapshot, {offset})) {where}");
            return;
        }

        await using var connection = new SqliteConnection(CheckpointPersistenceConfig.SqliteConnection(SqliteCheckpointFile.PathOf(Options.Directory, run)));
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = $"SELECT snapshot FROM snapshot {where}";
        var bytes = (byte[])(await read.ExecuteScalarAsync())!;
        bytes[offset] ^= 0xFF;
        await using var write = connection.CreateCommand();
        write.CommandText = $"UPDATE snapshot SET snapshot = @bytes {where}";
        write.Parameters.AddWithValue("@bytes", bytes);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }

    public async ValueTask DisposeAsync() => await _cleanUp();

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
