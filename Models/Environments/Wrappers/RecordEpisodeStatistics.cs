namespace A3C.Models.Environments.Wrappers;

/// <summary>
/// Adds the finished episode's return and length to the step that ends it, like Gymnasium's
/// <c>RecordEpisodeStatistics</c>. Place it inside reward-changing wrappers (clipping) so it reports the true
/// score, and inside frame skipping so lengths count environment frames.
/// </summary>
public sealed class RecordEpisodeStatistics<TObs> : EnvironmentWrapper<TObs>
    where TObs : unmanaged
{
    private double episodeReturn;
    private int episodeLength;

    public RecordEpisodeStatistics(IEnvironment<TObs> inner)
        : base(inner)
    {
    }

    public override void Reset(Span<TObs> observation, ulong? seed = null)
    {
        episodeReturn = 0;
        episodeLength = 0;
        Inner.Reset(observation, seed);
    }

    public override StepResult Step(int action, Span<TObs> observation) => Record(Inner.Step(action, observation));

    public override StepResult Step(ReadOnlySpan<float> action, Span<TObs> observation) => Record(Inner.Step(action, observation));

    private StepResult Record(StepResult result)
    {
        episodeReturn += result.Reward;
        episodeLength++;
        if (!result.Done)
            return result;
        var episode = new EpisodeStatistics(episodeReturn, episodeLength);
        episodeReturn = 0;
        episodeLength = 0;
        return result with { Episode = episode };
    }
}
