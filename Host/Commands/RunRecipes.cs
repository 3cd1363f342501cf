using System.Text.Json;
using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Sqlite;
using A3C.Actors.Training;
using A3C.Actors.Training.Settings;
using A3C.Configuration;

namespace A3C.Host.Commands;

/// <summary>Turns <c>a3c train</c>'s arguments into the recipe of a new run or of a resumed one.</summary>
public static class RunRecipes
{
    /// <summary>A new run, refused when the store already holds one of that name, so two runs never mix snapshots.</summary>
    /// <exception cref="PersistenceException">The run name is taken.</exception>
    public static async Task<TrainingRecipe> NewAsync(ICheckpointStore store, Config config, string runName, CancellationToken cancellationToken)
    {
        RunName.Validate(runName);
        if ((await store.ListRunsAsync(cancellationToken)).Contains(runName, StringComparer.Ordinal))
        {
            var holder = store is SqliteCheckpointStore sqlite ? RunLock.FindHolder(Path.GetDirectoryName(sqlite.DatabasePathOf(runName))!) : null;
            throw new PersistenceException(holder is null
                ? $"run '{runName}' already exists in {store.Location}; continue it with --resume {runName}, or start a new one with --run NAME."
                : $"run '{runName}' in {store.Location} is being trained now by {holder}; start a new one with --run NAME.");
        }
        return TrainingRecipe.FromConfig(config, runName);
    }

    /// <summary>
    /// The recipe that continues <paramref name="run"/> from its newest valid snapshot. Without a
    /// config file the config stored in the snapshot is used (with <paramref name="overrides"/> on
    /// top); with one, its network must have the snapshot's shapes. Either way the run stays in the
    /// store it was found in, checkpointed as often as its config says.
    /// </summary>
    /// <param name="config">The config built from --config, or null to use the stored one.</param>
    /// <param name="onSkipped">Told about each newer snapshot that failed verification and was passed over.</param>
    /// <exception cref="RunNotFoundException">No such run; the message lists the known runs and where they were looked for.</exception>
    /// <exception cref="IncompatibleCheckpointException">A parameter's shape differs between the snapshot and the config.</exception>
    public static async Task<TrainingRecipe> ResumeAsync(ICheckpointStore store, PersistenceSettings persistence, string run,
        Config? config, IEnumerable<string> overrides, string? device, Action<SnapshotProblem> onSkipped, CancellationToken cancellationToken)
    {
        var point = await ResumePoint.LoadLatestAsync(store, run, onSkipped, cancellationToken);
        config ??= RecipeLoader.LoadStored(point.Metadata.Config, $"config stored in snapshot {point.SequenceNr} of run '{run}'", overrides, device);
        var recipe = TrainingRecipe.FromConfig(KeptIn(config, persistence), run) with { ResumeFrom = point };
        point.EnsureFits(recipe);
        return recipe;
    }

    /// <summary>The run's config with the store it was found in: where it is kept comes from this command line.</summary>
    private static Config KeptIn(Config config, PersistenceSettings store) => config.WithOverrides([
        $"a3c.persistence.provider = {store.Provider.ToString().ToLowerInvariant()}",
        $"a3c.persistence.directory = {JsonSerializer.Serialize(store.Directory)}",
        $"a3c.persistence.connection-string = {JsonSerializer.Serialize(store.ConnectionString)}",
    ]);
}
