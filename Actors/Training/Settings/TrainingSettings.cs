using A3C.Configuration;
using A3C.Models.Algorithms;

namespace A3C.Actors.Training.Settings;

/// <summary>The learning recipe: mode, scale, the A2C hyperparameters and when to stop (<c>a3c.training</c>).</summary>
public sealed record TrainingSettings(
    TrainingMode Mode,
    InferenceMode Inference,
    int Workers,
    int BatchSize,
    int GradBatch,
    int TrainBatch,
    double Gamma,
    int RewardSteps,
    OptimizerKind Optimizer,
    double LearningRate,
    double AdamEps,
    double EntropyBeta,
    double ValueCoefficient,
    double ClipGrad,
    int Hidden,
    long MaxFrames,
    double? RewardBound,
    int RewardWindow,
    int WeightBroadcastInterval,
    int MaxInFlight,
    string Device,
    ulong Seed,
    TimeSpan ProgressInterval) : IConfigSettings<TrainingSettings>
{
    public static string SectionPath => "a3c.training";

    public static TrainingSettings Read(SettingsReader r)
    {
        var settings = new TrainingSettings(
            r.GetEnum<TrainingMode>("mode"),
            r.GetEnum<InferenceMode>("inference"),
            r.GetInt("workers"),
            r.GetInt("batch-size"),
            r.GetInt("grad-batch"),
            r.GetInt("train-batch"),
            r.GetDouble("gamma"),
            r.GetInt("reward-steps"),
            r.GetEnum<OptimizerKind>("optimizer"),
            r.GetDouble("learning-rate"),
            r.GetDouble("adam-eps"),
            r.GetDouble("entropy-beta"),
            r.GetDouble("value-coefficient"),
            r.GetDouble("clip-grad"),
            r.GetInt("hidden"),
            r.GetLong("max-frames"),
            r.HasKey("reward-bound") ? r.GetDouble("reward-bound") : null,
            r.GetInt("reward-window"),
            r.GetInt("weight-broadcast-interval"),
            r.GetInt("max-in-flight"),
            r.GetString("device"),
            (ulong)r.GetLong("seed"),
            r.GetDuration("progress-interval"));
        settings.Validate(r);
        return settings;
    }

    private void Validate(SettingsReader r)
    {
        Positive(Workers, "workers");
        Positive(BatchSize, "batch-size");
        Positive(GradBatch, "grad-batch");
        Positive(TrainBatch, "train-batch");
        Positive(RewardSteps, "reward-steps");
        Positive(Hidden, "hidden");
        Positive(RewardWindow, "reward-window");
        Positive(WeightBroadcastInterval, "weight-broadcast-interval");
        Positive(MaxInFlight, "max-in-flight");
        if (Gamma is < 0 or > 1) throw Invalid("gamma", $"a discount in [0, 1], got {Gamma}");
        if (LearningRate <= 0) throw Invalid("learning-rate", $"a positive number, got {LearningRate}");
        if (MaxFrames <= 0) throw Invalid("max-frames", $"a positive frame budget, got {MaxFrames}");

        void Positive(int value, string key)
        {
            if (value < 1) throw Invalid(key, $"a positive integer, got {value}");
        }

        ConfigException Invalid(string key, string expected) => r.Invalid(key, expected);
    }
}
