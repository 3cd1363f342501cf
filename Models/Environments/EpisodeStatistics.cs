namespace A3C.Models.Environments;

/// <summary>
/// Summary of one finished episode, as Gymnasium's <c>RecordEpisodeStatistics</c> reports it:
/// the undiscounted sum of rewards and the number of steps.
/// </summary>
public readonly record struct EpisodeStatistics(double Return, int Length);
