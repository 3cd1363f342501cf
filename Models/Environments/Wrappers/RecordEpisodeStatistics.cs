namespace A3C.Models.Environments.Wrappers;

/// <summary>
/// Adds the finished episode's return and length to the step that ends it, like Gymnasium's
/// <c>RecordEpisodeStatistics</c>. Place it inside reward-changing wrappers (clipping) so it reports the true
/// score, and inside frame skipping so lengths count environment frames.
/// A step outside an episode, before the first reset or after the step that ended the episode, is refused with
/// <see cref="InvalidOperationException"/>: it belongs to no episode, and counting it would report bogus ones.
/// Gymnasium only warns there (CartPole), and its wrapper reports the episode again, with growing totals.
/// </summary>
public sealed class RecordEpisodeStatistics<TObs> : EnvironmentWrapper<TObs>
    where TObs : unmanaged
{
    private double episodeReturn;
    private int episodeLength;
    private bool episodeRunning;

    // Only picks the error message; the step itself checks episodeRunning alone.
    private bool hasBeenReset;

    public RecordEpisodeStatistics(IEnvironment<TObs> inner)
        : base(inner)
    {
    }

    public override void Reset(Span<TObs> observation, ulong? seed = null)
    {
        Inner.Reset(observation, seed);
        episodeReturn = 0;
        episodeLength = 0;
        episodeRunning = true;
        hasBeenReset = true;
    }

    public override StepResult Step(int action, Span<TObs> observation)
    {
        if (!episodeRunning)
            throw OutsideEpisode();
        return Record(Inner.Step(action, observation));
    }

    public override StepResult Step(ReadOnlySpan<float> action, Span<TObs> observation)
    {
        if (!episodeRunning)
            throw OutsideEpisode();
        return Record(Inner.Step(action, observation));
    }

    private StepResult Record(StepResult result)
    {
        episodeReturn += result.Reward;
        episodeLength++;
        if (!result.Done)
            return result;
        episodeRunning = false;
        return result with { Episode = new EpisodeStatistics(episodeReturn, episodeLength) };
    }

    private InvalidOperationException OutsideEpisode() =>
        hasBeenReset ? EnvironmentErrors.StepAfterEpisodeEnd(Id) : EnvironmentErrors.StepBeforeReset(Id);
}
