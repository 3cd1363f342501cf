using A3C.Actors.Persistence;
using A3C.Models.Algorithms;
using A3C.Models.Networks;

namespace A3C.Actors.Training;

/// <summary>
/// Where a resumed run picks up: the learner's weights (a safetensors file under PyTorch's
/// parameter names) and optimizer state, and its counters, taken from one stored snapshot.
/// </summary>
/// <param name="SequenceNr">The snapshot's step, which is the weight version it holds.</param>
public sealed record ResumePoint(
    string Run, long SequenceNr, SnapshotCounters Counters, CheckpointMetadata Metadata, byte[] Weights, byte[] OptimizerState)
{
    /// <summary>The blob holding the network's weights as safetensors in every learner snapshot.</summary>
    public const string WeightsBlob = "weights.safetensors";

    /// <summary>The blob holding the optimizer's state (TorchSharp's format) in every learner snapshot.</summary>
    public const string OptimizerBlob = "optimizer";

    /// <summary>What snapshots written before the move to TorchSharp hold instead; they cannot be read any more.</summary>
    private const string LegacyStateBlob = "state";

    /// <summary>
    /// The newest snapshot of <paramref name="run"/> that verifies. Each newer one that does not is
    /// passed to <paramref name="onProblem"/> as it is found, and skipped.
    /// </summary>
    /// <exception cref="RunNotFoundException">The store has no such run (the message lists the runs it has).</exception>
    /// <exception cref="PersistenceException">The run has no valid learner snapshot.</exception>
    public static async Task<ResumePoint> LoadLatestAsync(
        ICheckpointStore store, string run, Action<SnapshotProblem>? onProblem = null, CancellationToken cancellationToken = default)
    {
        var result = await store.Snapshots.LoadLatestValidAsync(run, onProblem, cancellationToken).ConfigureAwait(false);
        return result.Snapshot is { } snapshot
            ? From(snapshot)
            : throw new PersistenceException(result.Problems.Count == 0
                ? $"run '{run}' in {store.Location} has no snapshot to resume from."
                : $"run '{run}' in {store.Location} has no valid snapshot to resume from: {string.Join("; ", result.Problems)}.");
    }

    /// <exception cref="PersistenceException">The snapshot was not written by a learner: it has no state blob or metadata.</exception>
    public static ResumePoint From(Snapshot snapshot)
    {
        if (snapshot.Blobs.TryGetValue(WeightsBlob, out var weights) && snapshot.Blobs.TryGetValue(OptimizerBlob, out var optimizer))
            return new ResumePoint(snapshot.Run, snapshot.SequenceNr, snapshot.Counters, CheckpointMetadata.Parse(snapshot),
                weights.ToArray(), optimizer.ToArray());
        throw new PersistenceException(snapshot.Blobs.ContainsKey(LegacyStateBlob)
            ? $"snapshot {snapshot.SequenceNr} of run '{snapshot.Run}' was written by a version of a3c before TorchSharp " +
              "(one 'state' blob in its own archive format), which this version cannot read: start a new run, " +
              "or resume it with the a3c version that wrote it."
            : $"snapshot {snapshot.SequenceNr} of run '{snapshot.Run}' has no '{WeightsBlob}' and '{OptimizerBlob}' blobs " +
              $"(it holds {string.Join(", ", snapshot.Blobs.Keys)}), so there is no learner state to resume from.");
    }

    /// <summary>Loads the weights into <paramref name="net"/> and the optimizer state into <paramref name="step"/>.</summary>
    /// <exception cref="IncompatibleCheckpointException">A parameter's name or shape differs, or the optimizer does; the message says which.</exception>
    public void Restore(ActorCritic net, GradientStep step)
    {
        try
        {
            NetworkState.LoadWeights(net, Weights);
            step.LoadState(OptimizerState);
        }
        catch (ArgumentException e)
        {
            throw new IncompatibleCheckpointException(
                $"snapshot {SequenceNr} of run '{Run}' does not fit the network of this config " +
                $"({Metadata.Environment}): {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks, before any actor starts, that the state loads into the network and optimizer
    /// <paramref name="recipe"/> builds: a throwaway copy on the CPU is restored from it.
    /// </summary>
    /// <exception cref="IncompatibleCheckpointException">A parameter's shape differs, naming it and both shapes.</exception>
    public void EnsureFits(TrainingRecipe recipe)
    {
        using var net = recipe.CreateNetwork();
        using var step = new GradientStep(net, recipe.Training.Optimizer, recipe.Training.LearningRate, recipe.Training.AdamEps);
        Restore(net, step);
    }
}
