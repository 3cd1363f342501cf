namespace A3C.Actors.Training.Cluster;

/// <summary>A worker node asks the learner node what it trains (<see cref="TrainingContract"/>) before starting rollout actors for it.</summary>
public sealed record DescribeTraining;
