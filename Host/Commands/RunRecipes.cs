using System.Text.Json;
using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using A3C.Actors.Training;
using A3C.Actors.Training.Settings;
using A3C.Configuration;

namespace A3C.Host.Commands;

/// <summary>Turns <c>a3c train --resume</c>'s arguments into the recipe of the resumed run.</summary>
public static class RunRecipes
{
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
    public static async Task<TrainingRecipe> ResumeAsync(PersistenceOptions store, PersistenceSettings persistence, string run,
        Config? config, IEnumerable<string> overrides, string? device, Action<string> onSkipped, CancellationToken cancellationToken)
    {
        ResumePoint point;
        // Read in an actor system of its own, closed before the training system opens the same database.
        await using (var checkpoints = await CheckpointStore.OpenAsync(store, run, create: false, cancellationToken))
            point = await ResumePoint.LoadLatestAsync(checkpoints.Reader, run, onSkipped, cancellationToken);
        config ??= RecipeLoader.LoadStored(point.Metadata.Config, $"config stored in the checkpoint of step {point.SequenceNr} of run '{run}'", overrides, device);
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
