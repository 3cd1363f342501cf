using System.Globalization;
using A3C.Actors.Training.Settings;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// What a worker node's recipe must agree with the learner's on, as a whole, for its experience
/// or gradients to mean what the learner thinks: the environment and its wrappers, the network,
/// the mode and inference, the return (gamma, n-step) and the batch sizes. Settings that are the
/// node's own (workers, envs per worker, device, seed) may differ.
/// </summary>
public sealed record TrainingContract(
    string RunName,
    string Environment,
    int FrameSkip,
    int FrameStack,
    bool ClipRewards,
    int MaxEpisodeSteps,
    int Hidden,
    TrainingMode Mode,
    InferenceMode Inference,
    double Gamma,
    int RewardSteps,
    int BatchSize,
    int GradBatch,
    int TrainBatch)
{
    /// <summary>Where the learner node's tensor channel listens (its host is the node's cluster address); not compared.</summary>
    public int TensorPort { get; init; }

    public static TrainingContract Of(TrainingRecipe recipe)
    {
        var (t, e) = (recipe.Training, recipe.Environment);
        return new TrainingContract(recipe.RunName, e.Id, e.FrameSkip, e.FrameStack, e.ClipRewards, e.MaxEpisodeSteps, t.Hidden, t.Mode,
            t.Inference, t.Gamma, t.RewardSteps, t.BatchSize, t.GradBatch, t.TrainBatch);
    }

    /// <summary>Every setting that differs, as <c>key: the learner's X, this node's Y</c>; empty when this node may work for the learner.</summary>
    public IReadOnlyList<string> DifferencesFrom(TrainingContract learner)
    {
        var differences = new List<string>();
        Compare("environment.id", learner.Environment, Environment);
        Compare("environment.frame-skip", learner.FrameSkip, FrameSkip);
        Compare("environment.frame-stack", learner.FrameStack, FrameStack);
        Compare("environment.clip-rewards", learner.ClipRewards, ClipRewards);
        Compare("environment.max-episode-steps", learner.MaxEpisodeSteps, MaxEpisodeSteps);
        Compare("training.hidden", learner.Hidden, Hidden);
        Compare("training.mode", learner.Mode, Mode);
        Compare("training.inference", learner.Inference, Inference);
        Compare("training.gamma", learner.Gamma, Gamma);
        Compare("training.reward-steps", learner.RewardSteps, RewardSteps);
        Compare("training.batch-size", learner.BatchSize, BatchSize);
        Compare("training.grad-batch", learner.GradBatch, GradBatch);
        Compare("training.train-batch", learner.TrainBatch, TrainBatch);
        return differences;

        void Compare<T>(string key, T theirs, T mine)
        {
            if (!EqualityComparer<T>.Default.Equals(theirs, mine))
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: the learner's {theirs}, this node's {mine}"));
        }
    }
}
