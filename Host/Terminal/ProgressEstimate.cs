namespace A3C.Host.Terminal;

/// <summary>Which end of a run the progress bar measures.</summary>
public enum ProgressTarget
{
    FrameBudget,
    RewardBound,
}

/// <summary>
/// How far a run is toward its end, and how long it may still take. A run stops at the frame
/// budget or at the reward bound, whichever comes first, so:
/// <list type="bullet">
/// <item>toward the budget: frames / max-frames;</item>
/// <item>toward the bound: (reward - first reward) / (bound - first reward), where the first
/// reward is the mean reward when this process first saw one (a run's rewards need not start at
/// 0: Pong's start at -21); 0 before the first episode, 1 once the bound is reached;</item>
/// <item>the bar shows the nearer of the two in fraction;</item>
/// <item>time left is the sooner of the two estimates that are known: the frames still to go at the
/// recent frame rate, and the reward still to gain at its recent rate of change (only while it
/// rises). Unknown (null) when neither rate is positive; zero once either end is reached.</item>
/// </list>
/// </summary>
public readonly record struct ProgressEstimate(double Fraction, ProgressTarget Target, TimeSpan? TimeLeft)
{
    /// <param name="rewardPerSecond">The recent change of the mean reward per second (NaN or 0 when unknown).</param>
    /// <param name="firstReward">The mean reward first seen (NaN before the first episode).</param>
    public static ProgressEstimate Compute(long frames, long maxFrames, double meanReward, double? rewardBound, double firstReward,
        double framesPerSecond, double rewardPerSecond)
    {
        var frameFraction = maxFrames <= 0 ? 0 : Math.Clamp((double)frames / maxFrames, 0, 1);
        TimeSpan? frameTime = frames >= maxFrames ? TimeSpan.Zero
            : framesPerSecond > 0 && double.IsFinite(framesPerSecond) ? Seconds((maxFrames - frames) / framesPerSecond) : null;

        if (rewardBound is not { } bound || double.IsNaN(meanReward))
            return new ProgressEstimate(frameFraction, ProgressTarget.FrameBudget, frameTime);

        double rewardFraction;
        TimeSpan? rewardTime = null;
        if (meanReward >= bound)
        {
            rewardFraction = 1;
            rewardTime = TimeSpan.Zero;
        }
        else
        {
            var start = double.IsNaN(firstReward) ? meanReward : Math.Min(firstReward, meanReward);
            rewardFraction = bound - start <= 0 ? 0 : Math.Clamp((meanReward - start) / (bound - start), 0, 1);
            if (rewardPerSecond > 0 && double.IsFinite(rewardPerSecond)) rewardTime = Seconds((bound - meanReward) / rewardPerSecond);
        }

        var target = rewardFraction > frameFraction ? ProgressTarget.RewardBound : ProgressTarget.FrameBudget;
        var timeLeft = (frameTime, rewardTime) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => (TimeSpan?)null,
        };
        return new ProgressEstimate(Math.Max(frameFraction, rewardFraction), target, timeLeft);
    }

    /// <summary>Capped at a year: a nearly flat rate would otherwise overflow a TimeSpan.</summary>
    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Min(seconds, 365 * 24 * 3600.0));
}
