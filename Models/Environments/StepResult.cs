namespace A3C.Models.Environments;

/// <summary>
/// The outcome of one environment step; the observation is written to the caller's buffer instead.
/// </summary>
/// <param name="Reward">Reward for the transition, in double as Gymnasium's Python floats are.</param>
/// <param name="Terminated">The MDP reached a terminal state: the value of the next state is zero.</param>
/// <param name="Truncated">The episode was cut short (time limit): the next state still has a value to bootstrap from.</param>
/// <param name="Episode">Statistics of the episode that just ended, when a statistics recorder is in the wrapper chain.</param>
public readonly record struct StepResult(double Reward, bool Terminated, bool Truncated, EpisodeStatistics? Episode = null)
{
    /// <summary>The episode is over, for either reason; the environment must be reset.</summary>
    public bool Done => Terminated || Truncated;
}
