using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace A3C.Actors.Persistence.Sqlite;

/// <summary>The runs directory: one database file per run at &lt;directory&gt;/&lt;run&gt;/checkpoints.db.</summary>
internal sealed class SqliteRunDatabases(string runsDirectory) : IDisposable
{
    public const string FileName = "checkpoints.db";

    // Files whose schema this instance has already checked, so each is checked once, not per command,
    // with their connection strings (building one costs more than the small writes it serves).
    private readonly ConcurrentDictionary<string, string> _prepared = new(StringComparer.Ordinal);

    private readonly SqliteThread _thread = new("a3c-sqlite");

    public string RunsDirectory { get; } = Path.GetFullPath(runsDirectory);

    public string PathOf(string run) => Path.Combine(RunsDirectory, run, FileName);

    public IReadOnlyList<string> ListRuns() =>
        Directory.Exists(RunsDirectory)
            ? Directory.EnumerateDirectories(RunsDirectory)
                .Where(directory => File.Exists(Path.Combine(directory, FileName)))
                .Select(directory => Path.GetFileName(directory))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>
    /// Runs <paramref name="work"/> on the store's own thread with the run's database open, creating
    /// the file when <paramref name="create"/> allows.
    /// </summary>
    /// <remarks>
    /// The work is synchronous I/O. On a thread of its own it keeps the async promise honest: a caller
    /// awaiting a store call (an actor, say) never has its thread, nor one of the pool's, blocked by a
    /// 40 MB write, an fsync or a locked file.
    /// </remarks>
    /// <exception cref="RunNotFoundException">The run has no database and may not be created.</exception>
    public Task<T> RunAsync<T>(string run, bool create, Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        RunName.Validate(run);
        return _thread.RunAsync(
            () =>
            {
                using var connection = Open(run, create);
                return work(connection);
            },
            cancellationToken);
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(string run, bool create, Action<SqliteConnection> work, CancellationToken cancellationToken) =>
        RunAsync(run, create, connection =>
        {
            work(connection);
            return true;
        }, cancellationToken);

    /// <summary>Finishes the work queued, then closes the pooled connections to every database this store opened.</summary>
    public void Dispose()
    {
        _thread.Dispose();
        foreach (var connectionString in _prepared.Values)
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    // Pooled: closing the last connection to a WAL database checkpoints the log into the file and
    // syncs it, which made every small snapshot cost tens of milliseconds. Dispose
    // clears the pool when the store is disposed, so the files are not held open afterwards.
    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

    private SqliteConnection Open(string run, bool create)
    {
        var path = PathOf(run);
        if (!File.Exists(path))
        {
            if (!create)
            {
                throw new RunNotFoundException(run, RunsDirectory, ListRuns());
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        var prepared = _prepared.TryGetValue(path, out var connectionString);
        var connection = new SqliteConnection(connectionString ?? ConnectionString(path));
        try
        {
            connection.Open();
            // In WAL mode NORMAL cannot corrupt the file; a power cut may only lose the last commit.
            connection.Run("PRAGMA synchronous = NORMAL;");
            if (!prepared)
            {
                SqliteSchema.Prepare(connection, path);
                _prepared.TryAdd(path, connection.ConnectionString);
            }

            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new PersistenceException($"Cannot use checkpoint database {path}: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
