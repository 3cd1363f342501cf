using A3C.Actors.Persistence;
using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace A3C.Training.Tests;

/// <summary>
/// A checkpoint store of its own for one test (a temporary SQLite directory, or a PostgreSQL schema
/// dropped afterwards), with helpers to train into it and to damage what it holds.
/// </summary>
internal sealed class RunStore : IAsyncDisposable
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private readonly Func<string, long, string, int, Task> _flipBlobByte;
    private readonly Func<ValueTask> _cleanUp;

    private RunStore(ICheckpointStore store, Func<string, long, string, int, Task> flipBlobByte, Func<ValueTask> cleanUp)
    {
        Store = store;
        _flipBlobByte = flipBlobByte;
        _cleanUp = cleanUp;
    }

    public ICheckpointStore Store { get; }

    /// <summary>What the learner's checkpointing reported as not stored, across every run trained here.</summary>
    public List<string> WriteProblems { get; } = [];

    public static RunStore Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "a3c-training-tests", Guid.NewGuid().ToString("N"));
        var store = CheckpointStores.Open(new PersistenceOptions(PersistenceProvider.Sqlite, directory));
        return new RunStore(store,
            async (run, step, blob, offset) =>
            {
                await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, run, "checkpoints.db")};Pooling=False");
                await connection.OpenAsync();
                using var find = connection.CreateCommand();
                find.CommandText = $"SELECT rowid FROM snapshot_blobs WHERE run = '{run}' AND sequence_nr = {step} AND name = '{blob}'";
                var rowId = (long)find.ExecuteScalar()!;
                using var data = new SqliteBlob(connection, "snapshot_blobs", "data", rowId);
                data.Position = offset;
                var value = (byte)data.ReadByte();
                data.Position = offset;
                data.WriteByte((byte)~value);
            },
            () =>
            {
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
                return ValueTask.CompletedTask;
            });
    }

    /// <summary>A store in a schema of its own, dropped when the test ends.</summary>
    public static RunStore Postgres(string connectionString)
    {
        var schema = "test_" + Guid.NewGuid().ToString("N");
        var store = CheckpointStores.Open(new PersistenceOptions(PersistenceProvider.Postgres, ConnectionString: connectionString, Schema: schema));
        return new RunStore(store,
            (run, step, blob, offset) => ExecuteAsync(connectionString,
                $"UPDATE {schema}.snapshot_blobs SET data = set_byte(data, {offset}, 255 - get_byte(data, {offset})) " +
                $"WHERE run = '{run}' AND sequence_nr = {step} AND name = '{blob}'"),
            async () => await ExecuteAsync(connectionString, $"DROP SCHEMA IF EXISTS {schema} CASCADE"));
    }

    /// <summary>Trains <paramref name="recipe"/> to its end with checkpoints into this store, then waits for them to be stored.</summary>
    public async Task<TrainingFinished> TrainAsync(TrainingRecipe recipe, Action<TrainingProgress>? onProgress = null,
        CancellationToken cancellationToken = default)
    {
        using var hangGuard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hangGuard.CancelAfter(HangGuard);
        await using var checkpoints = new LearnerCheckpoints(Store, recipe, problem => { lock (WriteProblems) WriteProblems.Add(problem); });
        return await LocalRun.RunAsync(recipe, onProgress, checkpoints, hangGuard.Token);
    }

    /// <summary>Inverts one byte of a stored blob behind the store's back, as a failing disk would.</summary>
    public Task FlipBlobByteAsync(string run, long step, string blob, int offset) => _flipBlobByte(run, step, blob, offset);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await _cleanUp();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
