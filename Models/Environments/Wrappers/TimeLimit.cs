namespace A3C.Models.Environments.Wrappers;

/// <summary>
/// Truncates an episode once it has lasted <see cref="MaxEpisodeSteps"/> steps, like Gymnasium's <c>TimeLimit</c>:
/// the step that reaches the limit reports <c>Truncated</c>, alongside <c>Terminated</c> if the task also ended.
/// </summary>
public sealed class TimeLimit<TObs> : EnvironmentWrapper<TObs>
    where TObs : unmanaged
{
    private int elapsedSteps;

    public TimeLimit(IEnvironment<TObs> inner, int maxEpisodeSteps)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpisodeSteps, 1);
        MaxEpisodeSteps = maxEpisodeSteps;
    }

    public int MaxEpisodeSteps { get; }

    /// <summary>Steps taken since the last reset.</summary>
    public int ElapsedSteps => elapsedSteps;

    public override void Reset(Span<TObs> observation, ulong? seed = null)
    {
        elapsedSteps = 0;
        Inner.Reset(observation, seed);
    }

    public override StepResult Step(int action, Span<TObs> observation) => Limit(Inner.Step(action, observation));

    public override StepResult Step(ReadOnlySpan<float> action, Span<TObs> observation) => Limit(Inner.Step(action, observation));

    private StepResult Limit(StepResult result)
    {
        elapsedSteps++;
        return elapsedSteps >= MaxEpisodeSteps ? result with { Truncated = true } : result;
    }
}
