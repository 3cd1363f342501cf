namespace A3C.Actors.Runtime.Supervision;

/// <summary>
/// How a <see cref="BackoffSupervisor"/> restarts its child: after the n-th consecutive failure
/// it waits <c>min(MaxBackoff, MinBackoff * 2^n) * (1 + random * RandomFactor)</c>; once the child
/// has run for <see cref="ResetBackoffAfter"/> without failing, n starts again from zero.
/// </summary>
public sealed record BackoffOptions(
    Props ChildProps,
    string ChildName,
    TimeSpan MinBackoff,
    TimeSpan MaxBackoff,
    double RandomFactor = 0.2,
    TimeSpan? ResetBackoffAfter = null)
{
    /// <summary>The stable period after which the backoff resets; defaults to <see cref="MinBackoff"/> * 10.</summary>
    public TimeSpan ResetAfter => ResetBackoffAfter ?? MinBackoff * 10;

    public void Validate()
    {
        if (MinBackoff <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(MinBackoff), MinBackoff, "BackoffOptions.MinBackoff must be positive.");
        if (MaxBackoff < MinBackoff)
            throw new ArgumentOutOfRangeException(nameof(MaxBackoff), MaxBackoff, $"BackoffOptions.MaxBackoff must be at least MinBackoff ({MinBackoff}).");
        if (RandomFactor is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(RandomFactor), RandomFactor, "BackoffOptions.RandomFactor must be between 0 and 1.");
    }

    /// <summary>The wait before restart number <paramref name="restartCount"/> (0-based), given a uniform random in [0, 1).</summary>
    public TimeSpan DelayFor(int restartCount, double random)
    {
        var exponential = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(restartCount, 30));
        var capped = Math.Min(MaxBackoff.TotalMilliseconds, exponential);
        return TimeSpan.FromMilliseconds(capped * (1 + random * RandomFactor));
    }
}
