using A3C.Actors.Persistence;
using A3C.Configuration;

namespace A3C.Actors.Training.Settings;

/// <summary>
/// Where a run keeps its journal and snapshots, and how often the learner checkpoints
/// (<c>a3c.persistence</c>).
/// </summary>
/// <param name="ConnectionString">PostgreSQL only; empty for SQLite.</param>
/// <param name="CheckpointInterval">Updates between snapshots; 0 turns periodic snapshots off (the final one is still written).</param>
/// <param name="Keep">Snapshots kept per run; older ones are pruned after each write.</param>
/// <param name="CheckpointMinPeriod">
/// The least time between periodic snapshots: one falling due sooner after the previous one is
/// skipped. Zero takes every one the interval asks for.
/// </param>
public sealed record PersistenceSettings(
    PersistenceProvider Provider,
    string Directory,
    string ConnectionString,
    int CheckpointInterval,
    int Keep,
    TimeSpan CheckpointMinPeriod) : IConfigSettings<PersistenceSettings>
{
    public static string SectionPath => "a3c.persistence";

    public static PersistenceSettings Read(SettingsReader r)
    {
        var settings = new PersistenceSettings(
            r.GetEnum<PersistenceProvider>("provider"),
            r.GetString("directory"),
            r.GetString("connection-string"),
            r.GetInt("checkpoint-interval"),
            r.GetInt("keep"),
            r.GetDuration("checkpoint-min-period"));
        if (string.IsNullOrWhiteSpace(settings.Directory))
            throw r.Invalid("directory", "a directory for the runs, got an empty string");
        if (settings.Provider == PersistenceProvider.Postgres && string.IsNullOrWhiteSpace(settings.ConnectionString))
            throw r.Invalid("connection-string", "an Npgsql connection string when provider = postgres (or set A3C_POSTGRES), got an empty string");
        if (settings.CheckpointInterval < 0)
            throw r.Invalid("checkpoint-interval", $"0 (off) or a positive number of updates, got {settings.CheckpointInterval}");
        if (settings.CheckpointMinPeriod < TimeSpan.Zero)
            throw r.Invalid("checkpoint-min-period", $"0 (every snapshot the interval asks for) or a positive duration, got {settings.CheckpointMinPeriod}");
        if (settings.Keep < 1)
            throw r.Invalid("keep", $"a positive number of snapshots, got {settings.Keep}");
        return settings;
    }

    /// <summary>Where this run's checkpoints are kept (<see cref="Persistence.Checkpoints.CheckpointStore"/>).</summary>
    public PersistenceOptions ToOptions() => new(
        Provider, Directory, string.IsNullOrWhiteSpace(ConnectionString) ? null : ConnectionString);
}
