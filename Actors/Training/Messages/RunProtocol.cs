namespace A3C.Actors.Training.Messages;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    RewardBoundReached,
    FrameBudgetSpent,
    Stopped,
    Failed,
}

/// <summary>A snapshot of the training figures, published on the event stream as training goes.</summary>
/// <param name="MeanReward">Mean return over the reward window; NaN before the first episode.</param>
/// <param name="MeanEpisodeLength">Mean episode length over the same window; NaN before the first episode.</param>
/// <param name="FramesPerSecond">Frames per second since the last record whose frames had moved.</param>
/// <param name="UpdatesPerSecond">Updates per second over the same interval.</param>
/// <param name="LearningRate">The optimizer's learning rate when the record was taken.</param>
public sealed record TrainingProgress(
    long Frames,
    long Updates,
    long Episodes,
    double MeanReward,
    double MeanEpisodeLength,
    double FramesPerSecond,
    double UpdatesPerSecond,
    double MeanStaleness,
    long SkippedUpdates,
    long WorkerRestarts,
    double LearningRate,
    TimeSpan Elapsed,
    Models.Algorithms.A2CStatistics? Last,
    InferenceBatching? Inference = null)
{
    /// <summary>Frames each node's workers delivered, in all and per second since the last record whose frames had moved.</summary>
    public IReadOnlyList<NodeContribution> Nodes { get; init; } = [];
}

/// <summary>
/// What the workers at one address contributed: <paramref name="Node"/> is a local address for
/// workers in the learner's process and a remote one for a worker node.
/// </summary>
public sealed record NodeContribution(Akka.Actor.Address Node, long Frames, double FramesPerSecond);

/// <summary>How central inference batched: requests and observations per forward pass, over the whole run.</summary>
public sealed record InferenceBatching(double RequestsPerBatch, double ObservationsPerBatch, long Batches);

/// <summary>The learner tells its run that training is over.</summary>
public sealed record TrainingFinished(StopReason Reason, TrainingProgress Progress);
