using A3C.Actors.Persistence.Postgres;
using A3C.Actors.Persistence.Sqlite;

namespace A3C.Actors.Persistence;

/// <summary>Opens the store that <see cref="PersistenceOptions"/> select.</summary>
public static class CheckpointStores
{
    public static ICheckpointStore Open(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            PersistenceProvider.Sqlite => new SqliteCheckpointStore(options.Directory),
            PersistenceProvider.Postgres => new PostgresCheckpointStore(
                options.ConnectionString ?? throw new ArgumentException(
                    "Persistence provider 'postgres' needs a connection string; none was given."),
                options.Schema),
            _ => throw new ArgumentOutOfRangeException(
                nameof(options), options.Provider, "Unknown persistence provider; expected sqlite or postgres."),
        };
    }
}
