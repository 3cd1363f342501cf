using Microsoft.Data.Sqlite;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// A run's SQLite file, <c>&lt;directory&gt;/&lt;run&gt;/checkpoints.db</c>, checked before Akka's plugin
/// opens it: put in WAL mode (readers never wait on the writer, and a snapshot is one append), and
/// refused with a message that says what to do when it is damaged or was written by an older a3c.
/// </summary>
public static class SqliteCheckpointFile
{
    public const string FileName = "checkpoints.db";

    // SQLite's primary result codes for a damaged file and for one that is not a database.
    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    public static string PathOf(string directory, string run) => Path.Combine(directory, run, FileName);

    /// <summary>The runs under <paramref name="directory"/> that have a checkpoint file, in ordinal order.</summary>
    public static IReadOnlyList<string> Runs(string directory) => Directory.Exists(directory)
        ? Directory.EnumerateDirectories(directory)
            .Where(folder => File.Exists(Path.Combine(folder, FileName)))
            .Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary>Makes the file ready for the plugin (creating it when <paramref name="create"/>), checking it is sound.</summary>
    /// <exception cref="RunNotFoundException">No file and not <paramref name="create"/>.</exception>
    /// <exception cref="PersistenceException">The file is damaged, not a database, or of the old format; the message says what to do.</exception>
    public static void Prepare(string directory, string run, bool create)
    {
        var path = PathOf(directory, run);
        if (!File.Exists(path))
        {
            if (!create) throw new RunNotFoundException(run, Path.GetFullPath(directory), Runs(directory));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path, Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite, Pooling = false,
            }.ToString());
            connection.Open();
            var integrity = Scalar(connection, "PRAGMA quick_check;");
            if (integrity != "ok") throw Damaged(path, integrity ?? "no answer from the integrity check");
            if (Scalar(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'snapshots';") is not null &&
                Scalar(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'snapshot';") is null)
                throw new PersistenceException(
                    $"{path} was written by an a3c before checkpoints moved to Akka.Persistence and cannot be read by this one: " +
                    $"export its policy with the a3c that wrote it, or move the file aside to start run '{run}' afresh.");
            Scalar(connection, "PRAGMA journal_mode = WAL;");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is Corrupt or NotADatabase)
        {
            throw Damaged(path, e.Message);
        }
        catch (SqliteException e)
        {
            throw new PersistenceException($"cannot open checkpoint database {path}: {e.Message}", e);
        }
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private static PersistenceException Damaged(string path, string detail) => new(
        $"checkpoint database {path} is damaged ({detail}), perhaps cut short by a full disk or a copy that did not finish. " +
        $"Move it aside (mv {path} {path}.damaged) and restore it from a backup, or try to rescue what it holds with " +
        $"'sqlite3 {path}.damaged .recover | sqlite3 {path}'; then resume the run again.");
}
