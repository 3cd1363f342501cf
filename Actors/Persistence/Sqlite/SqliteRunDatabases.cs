using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace A3C.Actors.Persistence.Sqlite;

/// <summary>The runs directory: one database file per run at &lt;directory&gt;/&lt;run&gt;/checkpoints.db.</summary>
internal sealed class SqliteRunDatabases(string runsDirectory)
{
    public const string FileName = "checkpoints.db";

    // Files whose schema this instance has already checked, so each is checked once, not per command.
    private readonly ConcurrentDictionary<string, bool> _prepared = new(StringComparer.Ordinal);

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
    /// Runs <paramref name="work"/> on a thread-pool thread with the run's database open, creating the
    /// file when <paramref name="create"/> allows.
    /// </summary>
    /// <remarks>
    /// Microsoft.Data.Sqlite does all its I/O synchronously, even behind its async methods. Doing the
    /// work on the pool keeps that promise honest: a caller awaiting a store call (an actor, say) never
    /// has its own thread blocked by a 40 MB write or a locked file.
    /// </remarks>
    /// <exception cref="RunNotFoundException">The run has no database and may not be created.</exception>
    public Task<T> RunAsync<T>(string run, bool create, Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        RunName.Validate(run);
        return Task.Run(
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

        // No pooling: a pooled connection keeps the file open after the store is done with it,
        // which stops a run directory from being moved or deleted. Opening a file is cheap next to
        // writing tens of megabytes.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            // In WAL mode NORMAL cannot corrupt the file; a power cut may only lose the last commit.
            connection.Run("PRAGMA synchronous = NORMAL;");
            if (!_prepared.ContainsKey(path))
            {
                SqliteSchema.Prepare(connection, path);
                _prepared.TryAdd(path, true);
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
