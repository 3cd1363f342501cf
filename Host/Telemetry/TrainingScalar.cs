using A3C.Actors.Training.Messages;

namespace A3C.Host.Telemetry;

/// <summary>
/// One figure of a <see cref="TrainingProgress"/> under the name every output uses (CSV column,
/// TensorBoard tag, Prometheus metric, JSON field). <see cref="Read"/> gives null when the record
/// does not carry it yet (no update has produced statistics).
/// </summary>
public sealed record TrainingScalar(string Name, string Help, bool IsCounter, Func<TrainingProgress, double?> Read)
{
    /// <summary>Every scalar, in the order CSV columns and charts use.</summary>
    public static IReadOnlyList<TrainingScalar> All { get; } =
    [
        new("elapsed_seconds", "Seconds since the run started.", false, p => p.Elapsed.TotalSeconds),
        new("frames", "Environment steps taken.", true, p => p.Frames),
        new("updates", "Optimizer steps taken.", true, p => p.Updates),
        new("episodes", "Episodes finished.", true, p => p.Episodes),
        new("mean_reward", "Mean return over the recent episodes.", false, p => p.MeanReward),
        new("mean_episode_length", "Mean length of the same episodes, in steps of the environment before frame skipping.", false, p => p.MeanEpisodeLength),
        new("frames_per_second", "Environment steps per second over the last interval.", false, p => p.FramesPerSecond),
        new("updates_per_second", "Optimizer steps per second over the last interval.", false, p => p.UpdatesPerSecond),
        new("mean_staleness", "Mean weight versions between acting and learning.", false, p => p.MeanStaleness),
        new("skipped_updates", "Updates dropped (non-finite loss or too stale).", true, p => p.SkippedUpdates),
        new("worker_restarts", "Worker actors restarted by supervision.", true, p => p.WorkerRestarts),
        new("learning_rate", "The optimizer's learning rate.", false, p => p.LearningRate),
        new("loss", "Total loss of the last update.", false, p => p.Last?.Loss),
        new("policy_loss", "Policy-gradient loss of the last update.", false, p => p.Last?.PolicyLoss),
        new("value_loss", "Value loss of the last update.", false, p => p.Last?.ValueLoss),
        new("entropy", "Policy entropy of the last update.", false, p => p.Last?.Entropy),
        new("advantage", "Mean advantage of the last update.", false, p => p.Last?.Advantage),
        new("values", "Mean value estimate of the last update.", false, p => p.Last?.Values),
        new("batch_returns", "Mean n-step return of the last batch.", false, p => p.Last?.BatchReturns),
        new("gradient_l2", "Joint L2 norm of the last gradient, before clipping.", false, p => p.Last?.GradientL2),
        new("gradient_max", "Largest absolute gradient element of the last update.", false, p => p.Last?.GradientMax),
        new("gradient_variance", "Variance of the last gradient's elements.", false, p => p.Last?.GradientVariance),
        new("batch_size", "Transitions in the last update.", false, p => p.Last?.BatchSize),
    ];
}
