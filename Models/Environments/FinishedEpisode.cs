namespace A3C.Models.Environments;

/// <summary>An episode that ended during a vector step: which copy it ran in and its statistics.</summary>
public readonly record struct FinishedEpisode(int EnvIndex, EpisodeStatistics Statistics);
