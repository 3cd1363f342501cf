using Akka.Actor;
using Akka.Configuration;
using Npgsql;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// A run's checkpoint store opened on Akka.Persistence.Sql: an actor system configured with the
/// SQLite file of the run (or the shared PostgreSQL database) and a <see cref="CheckpointReader"/>
/// over it. Commands that read stored runs open one; a training run starts its
/// <see cref="CheckpointKeeper"/> in it.
/// </summary>
public sealed class CheckpointStore : IAsyncDisposable
{
    private CheckpointStore(ActorSystem system, string location)
    {
        System = system;
        Location = location;
        Reader = new CheckpointReader(system, location);
    }

    public ActorSystem System { get; }

    /// <summary>Where the checkpoints are, for messages: a file, or a server and database.</summary>
    public string Location { get; }

    public CheckpointReader Reader { get; }

    /// <summary>The Akka configuration that puts checkpoints of <paramref name="run"/> where <paramref name="options"/> say.</summary>
    public static Config ConfigFor(PersistenceOptions options, string run) => options.Provider switch
    {
        PersistenceProvider.Sqlite => CheckpointPersistenceConfig.ForSqlite(SqliteCheckpointFile.PathOf(options.Directory, run)),
        PersistenceProvider.Postgres => CheckpointPersistenceConfig.ForPostgres(RequireConnectionString(options), options.Schema),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "unknown persistence provider; expected sqlite or postgres"),
    };

    /// <summary>Where <paramref name="run"/>'s checkpoints are, for messages.</summary>
    public static string LocationOf(PersistenceOptions options, string run) => options.Provider == PersistenceProvider.Sqlite
        ? Path.GetFullPath(SqliteCheckpointFile.PathOf(options.Directory, run))
        : DescribeServer(RequireConnectionString(options));

    /// <summary>
    /// Checks the database is usable before Akka's plugin opens it: the SQLite file sound and in WAL
    /// mode, the PostgreSQL schema there.
    /// </summary>
    /// <exception cref="RunNotFoundException">SQLite: no file for the run and not <paramref name="create"/>.</exception>
    /// <exception cref="PersistenceException">The database is damaged or cannot be reached; the message says what to do.</exception>
    public static async Task PrepareAsync(PersistenceOptions options, string run, bool create, CancellationToken cancellationToken = default)
    {
        RunName.Validate(run);
        if (options.Provider == PersistenceProvider.Sqlite)
        {
            SqliteCheckpointFile.Prepare(options.Directory, run, create);
            return;
        }

        var connectionString = RequireConnectionString(options);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS \"{options.Schema.Replace("\"", "\"\"")}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            throw new PersistenceException(
                $"cannot reach the checkpoint database {DescribeServer(connectionString)}: {e.Message}; " +
                "check a3c.persistence.connection-string (or $A3C_POSTGRES).", e);
        }
    }

    /// <summary>Prepares the database and starts an actor system on it.</summary>
    public static async Task<CheckpointStore> OpenAsync(PersistenceOptions options, string run, bool create, CancellationToken cancellationToken = default)
    {
        await PrepareAsync(options, run, create, cancellationToken);
        var system = ActorSystem.Create("a3c-checkpoints", ConfigFor(options, run).WithFallback(QuietLogging));
        var store = new CheckpointStore(system, LocationOf(options, run));
        try
        {
            await store.Reader.WaitUntilStartedAsync(run, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await System.Terminate();

    // A command's output is its own; Akka's start-up lines would only interleave with it.
    private static Config QuietLogging => ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");

    private static string RequireConnectionString(PersistenceOptions options) => options.ConnectionString is { Length: > 0 } connectionString
        ? connectionString
        : throw new ArgumentException("persistence provider 'postgres' needs a3c.persistence.connection-string (or $A3C_POSTGRES); none was given.");

    /// <summary>Server and database of a connection string, without its password.</summary>
    public static string DescribeServer(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "the PostgreSQL server of a3c.persistence.connection-string";
        }
    }
}
