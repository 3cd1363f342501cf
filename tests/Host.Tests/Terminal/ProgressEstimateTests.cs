using A3C.Host.Terminal;

namespace A3C.Host.Tests.Terminal;

public sealed class ProgressEstimateTests
{
    [Fact]
    public void Before_the_first_episode_the_bar_measures_frames_and_the_time_left_comes_from_the_frame_rate()
    {
        // 250,000 of 1,000,000 frames; 750,000 to go at 5,000/s: 150 s.
        var estimate = ProgressEstimate.Compute(frames: 250_000, maxFrames: 1_000_000, meanReward: double.NaN, rewardBound: 475,
            firstReward: double.NaN, framesPerSecond: 5_000, rewardPerSecond: double.NaN);

        Assert.Equal(0.25, estimate.Fraction, 9);
        Assert.Equal(ProgressTarget.FrameBudget, estimate.Target);
        Assert.Equal(TimeSpan.FromSeconds(150), estimate.TimeLeft);
    }

    [Fact]
    public void The_reward_bound_is_measured_from_the_first_reward_and_shown_when_it_is_nearer()
    {
        // Frames 10%. Reward from 25 to 250 of the way to 475: (250-25)/(475-25) = 0.5.
        // Frames: 900,000 to go at 10,000/s = 90 s; reward: 225 to go at 5/s = 45 s; the sooner wins.
        var estimate = ProgressEstimate.Compute(frames: 100_000, maxFrames: 1_000_000, meanReward: 250, rewardBound: 475,
            firstReward: 25, framesPerSecond: 10_000, rewardPerSecond: 5);

        Assert.Equal(0.5, estimate.Fraction, 9);
        Assert.Equal(ProgressTarget.RewardBound, estimate.Target);
        Assert.Equal(TimeSpan.FromSeconds(45), estimate.TimeLeft);
    }

    [Fact]
    public void Negative_rewards_count_from_where_they_started()
    {
        // Pong-like: from -21 toward 18, now at -1.5: (−1.5+21)/(18+21) = 0.5. Frames only 20%.
        var estimate = ProgressEstimate.Compute(frames: 2_000_000, maxFrames: 10_000_000, meanReward: -1.5, rewardBound: 18,
            firstReward: -21, framesPerSecond: 1_000, rewardPerSecond: 0.01);

        Assert.Equal(0.5, estimate.Fraction, 9);
        Assert.Equal(ProgressTarget.RewardBound, estimate.Target);
        // Reward: 19.5 / 0.01 = 1,950 s, sooner than 8,000,000 / 1,000 = 8,000 s.
        Assert.Equal(TimeSpan.FromSeconds(1_950), estimate.TimeLeft);
    }

    [Fact]
    public void A_bound_already_passed_is_complete_with_nothing_left()
    {
        var estimate = ProgressEstimate.Compute(frames: 300_000, maxFrames: 1_000_000, meanReward: 480, rewardBound: 475,
            firstReward: 20, framesPerSecond: 8_000, rewardPerSecond: -2);

        Assert.Equal(1.0, estimate.Fraction);
        Assert.Equal(ProgressTarget.RewardBound, estimate.Target);
        Assert.Equal(TimeSpan.Zero, estimate.TimeLeft);
    }

    [Fact]
    public void A_rate_of_zero_leaves_the_time_unknown()
    {
        var estimate = ProgressEstimate.Compute(frames: 400_000, maxFrames: 1_000_000, meanReward: 100, rewardBound: 475,
            firstReward: 100, framesPerSecond: 0, rewardPerSecond: 0);

        Assert.Equal(0.4, estimate.Fraction, 9);
        Assert.Equal(ProgressTarget.FrameBudget, estimate.Target);
        Assert.Null(estimate.TimeLeft);
    }

    [Fact]
    public void A_falling_reward_leaves_the_frame_estimate()
    {
        // Reward 0.5 of the way but falling: only the frames give a time, 500,000 / 2,500 = 200 s.
        var estimate = ProgressEstimate.Compute(frames: 500_000, maxFrames: 1_000_000, meanReward: 60, rewardBound: 100,
            firstReward: 20, framesPerSecond: 2_500, rewardPerSecond: -0.5);

        Assert.Equal(0.5, estimate.Fraction, 9);
        Assert.Equal(TimeSpan.FromSeconds(200), estimate.TimeLeft);
    }

    [Fact]
    public void A_spent_budget_is_complete()
    {
        var estimate = ProgressEstimate.Compute(frames: 1_000_100, maxFrames: 1_000_000, meanReward: 50, rewardBound: null,
            firstReward: 10, framesPerSecond: 0, rewardPerSecond: double.NaN);

        Assert.Equal(1.0, estimate.Fraction);
        Assert.Equal(ProgressTarget.FrameBudget, estimate.Target);
        Assert.Equal(TimeSpan.Zero, estimate.TimeLeft);
    }

    [Theory]
    [InlineData(null, "?")]
    [InlineData(45.0, "0:45")]
    [InlineData(605.0, "10:05")]
    [InlineData(3723.0, "1:02:03")]
    public void Time_left_reads_as_a_clock(double? seconds, string expected) =>
        Assert.Equal(expected, LiveProgress.TimeLeft(seconds is { } s ? TimeSpan.FromSeconds(s) : null));
}
