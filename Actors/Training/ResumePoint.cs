using A3C.Actors.Persistence;
using A3C.LibTorch.Optim;
using A3C.LibTorch.Serialization;
using A3C.Models.Algorithms;

namespace A3C.Actors.Training;

/// <summary>
/// Where a resumed run picks up: the learner's weights and Adam state (as
/// <see cref="StateSerializer"/> bytes) and its counters, taken from one stored snapshot.
/// </summary>
/// <param name="SequenceNr">The snapshot's step, which is the weight version it holds.</param>
public sealed record ResumePoint(string Run, long SequenceNr, SnapshotCounters Counters, CheckpointMetadata Metadata, byte[] State)
{
    /// <summary>The blob holding <see cref="StateSerializer"/> bytes in every learner snapshot.</summary>
    public const string StateBlob = "state";

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
    public static ResumePoint From(Snapshot snapshot) =>
        snapshot.Blobs.TryGetValue(StateBlob, out var state)
            ? new ResumePoint(snapshot.Run, snapshot.SequenceNr, snapshot.Counters, CheckpointMetadata.Parse(snapshot), state.ToArray())
            : throw new PersistenceException(
                $"snapshot {snapshot.SequenceNr} of run '{snapshot.Run}' has no '{StateBlob}' blob " +
                $"(it holds {string.Join(", ", snapshot.Blobs.Keys)}), so there is no learner state to resume from.");

    /// <summary>
    /// Checks, before any actor starts, that the state loads into the network and optimizer
    /// <paramref name="recipe"/> builds: a throwaway copy on the CPU is restored from it.
    /// </summary>
    /// <exception cref="IncompatibleCheckpointException">A parameter's shape differs, naming it and both shapes.</exception>
    public void EnsureFits(TrainingRecipe recipe)
    {
        var (observations, actions, _) = recipe.Spaces();
        using var net = ActorCriticFactory.Create(observations, actions, recipe.Training.Hidden, recipe.Training.Seed);
        using var optimizer = new Adam(net.Parameters(), lr: recipe.Training.LearningRate, eps: recipe.Training.AdamEps);
        try
        {
            StateSerializer.Restore(State, net, optimizer);
        }
        catch (ArgumentException e)
        {
            throw new IncompatibleCheckpointException(
                $"snapshot {SequenceNr} of run '{Run}' does not fit the network of this config " +
                $"({recipe.Environment.Id}, hidden = {recipe.Training.Hidden}): {e.Message}", e);
        }
    }
}
