using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using A3C.Models.Algorithms;
using A3C.Models.Networks;

namespace A3C.Actors.Training;

/// <summary>
/// Where a resumed run picks up: the learner's weights (a safetensors file under PyTorch's
/// parameter names) and optimizer state, and its counters, taken from one stored checkpoint.
/// </summary>
/// <param name="SequenceNr">The snapshot's step, which is the weight version it holds.</param>
public sealed record ResumePoint(
    string Run, long SequenceNr, SnapshotCounters Counters, CheckpointMetadata Metadata, byte[] Weights, byte[] OptimizerState)
{
    /// <summary>
    /// The newest checkpoint of <paramref name="run"/> that verifies. Each newer one that does not is
    /// passed to <paramref name="onProblem"/> as it is found, and skipped.
    /// </summary>
    /// <exception cref="RunNotFoundException">The store has no such run (the message lists the runs it has).</exception>
    /// <exception cref="PersistenceException">The run has no valid checkpoint.</exception>
    public static async Task<ResumePoint> LoadLatestAsync(
        CheckpointReader reader, string run, Action<string>? onProblem = null, CancellationToken cancellationToken = default)
    {
        var (_, state) = await reader.LoadLatestValidAsync(run, onProblem, cancellationToken).ConfigureAwait(false);
        return From(run, state);
    }

    public static ResumePoint From(string run, LearnerState state) => new(run, state.Step,
        new SnapshotCounters(state.Step, state.Frames, state.Episodes), CheckpointMetadata.Of(state), state.Weights, state.Optimizer);

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
