namespace A3C.Actors.Persistence;

/// <summary>The version of the tables this build reads and writes; kept in each database's schema_version table.</summary>
internal static class SchemaVersion
{
    public const int Current = 1;

    /// <summary>Refuses a database written by a newer build: reading it could silently misinterpret data.</summary>
    public static void EnsureUnderstood(int found, string location)
    {
        if (found > Current)
        {
            throw new PersistenceException(
                $"Checkpoint database {location}: found schema version {found}, but this build understands up to " +
                $"version {Current}. It was written by a newer build; open it with that one.");
        }

        if (found < 1)
        {
            throw new PersistenceException(
                $"Checkpoint database {location}: found schema version {found}; expected 1 to {Current}.");
        }
    }
}
