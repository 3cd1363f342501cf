using A3C.Actors.Training.Settings;

namespace A3C.Actors.Training.Messages;

// Between a worker node and the learner it found: are we training the same thing?

/// <summary>A worker node asks the learner what it trains before starting rollout actors for it.</summary>
public sealed record DescribeRun;

/// <summary>What a worker's recipe must agree with for its experience or gradients to fit the learner's network.</summary>
public sealed record RunDescription(string RunName, string EnvironmentId, TrainingMode Mode, InferenceMode Inference, long ParameterCount);
