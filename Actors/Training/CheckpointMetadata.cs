using A3C.Actors.Persistence.Checkpoints;

namespace A3C.Actors.Training;

/// <summary>
/// What a learner checkpoint says about itself beside its counters: the config that started the run
/// (so <c>--resume</c> needs no config file), the mode, the environment and the mean reward then.
/// </summary>
/// <param name="MeanReward">Mean return over the reward window; null before the first episode.</param>
public sealed record CheckpointMetadata(string Config, string Mode, string Environment, double? MeanReward)
{
    public static CheckpointMetadata Of(LearnerState state) => new(state.Config, state.Mode, state.Environment, state.MeanReward);
}
