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

    /// <summary>Opens the run's database, creating the file when <paramref name="create"/> allows.</summary>
    /// <exception cref="RunNotFoundException">The run has no database and may not be created.</exception>
    public async Task<SqliteConnection> OpenAsync(string run, bool create, CancellationToken cancellationToken)
    {
        RunName.Validate(run);
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
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
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
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new PersistenceException($"Cannot use checkpoint database {path}: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
