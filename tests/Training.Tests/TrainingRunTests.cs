using A3C.Actors.Training;
using A3C.Actors.Training.Messages;

namespace A3C.Training.Tests;

/// <summary>
/// Whole runs in one process. Bounds are generous (a random CartPole policy averages about 22),
/// and nothing depends on speed: runs stop at a frame budget, not a time.
/// </summary>
public sealed class TrainingRunTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private static async Task<TrainingFinished> Run(TrainingRecipe recipe)
    {
        using var cancel = new CancellationTokenSource(HangGuard);
        return await LocalRun.RunAsync(recipe, cancellationToken: cancel.Token);
    }

    [Fact]
    public async Task A2C_with_a_seed_is_reproducible()
    {
        var first = await Run(Recipes.CartPole("a2c", maxFrames: 20_000));
        var second = await Run(Recipes.CartPole("a2c", maxFrames: 20_000));
        Assert.Equal(first.Progress.Updates, second.Progress.Updates);
        Assert.Equal(first.Progress.Last, second.Progress.Last);
    }

    [Fact]
    public async Task A2C_clearly_improves_the_cartpole_reward_within_a_frame_budget()
    {
        // Seed 2: over seeds 1-7 this recipe reaches a mean of 500 within 300k frames except seed 1,
        // which peaks at 132 and collapses (A2C's known instability at this learning rate; see
        // bench/RESULTS.md), so the bar is one a learning run clears with room and a broken one cannot.
        var finished = await Run(Recipes.CartPole("a2c", maxFrames: 300_000, "a3c.training { seed = 2, reward-bound = 200 }"));
        Assert.True(finished.Reason == StopReason.RewardBoundReached,
            $"mean reward {finished.Progress.MeanReward} after {finished.Progress.Frames} frames, bound 200");
        Assert.Equal(0, finished.Progress.SkippedUpdates);
        Assert.Equal(0, finished.Progress.MeanStaleness); // synchronous: every batch used the current weights
    }

    [Theory]
    [InlineData("a3c-data")]
    [InlineData("a3c-grad")]
    public async Task Asynchronous_modes_run_end_to_end_and_learn(string mode)
    {
        // Asynchronous runs are not reproducible, so the bar is "clearly better than random" (about 22),
        // checked as the run goes: a run that got there and later collapsed (as A2C at this learning
        // rate sometimes does) has still shown that the mode learns.
        var finished = await Run(Recipes.CartPole(mode, maxFrames: 400_000, "a3c.training.reward-bound = 100"));
        Assert.True(finished.Reason == StopReason.RewardBoundReached,
            $"{mode}: mean reward {finished.Progress.MeanReward} after {finished.Progress.Frames} frames, bound 100");
        Assert.True(finished.Progress.Updates > 100, $"{finished.Progress.Updates} updates");
        Assert.True(finished.Progress.MeanStaleness < 2 * 2, $"staleness {finished.Progress.MeanStaleness} exceeds the in-flight bound");
    }

    [Fact]
    public async Task Reaching_the_reward_bound_stops_the_run()
    {
        // A bound a random policy already meets, once a full window of 20 episodes is in.
        var finished = await Run(Recipes.CartPole("a2c", maxFrames: 1_000_000, "a3c.training { reward-bound = 5, reward-window = 20 }"));
        Assert.Equal(StopReason.RewardBoundReached, finished.Reason);
        Assert.True(finished.Progress.Episodes >= 20);
        Assert.True(finished.Progress.Frames < 1_000_000);
    }

    [Fact]
    public async Task Crashing_workers_are_restarted_and_training_still_improves()
    {
        var finished = await Run(Recipes.CartPole("a3c-data", maxFrames: 400_000,
            "a3c.faults { env-crash-probability = 0.002, rollout-crash-probability = 0.001 }\na3c.training.reward-bound = 100"));
        Assert.True(finished.Reason == StopReason.RewardBoundReached,
            $"mean reward {finished.Progress.MeanReward} with faults after {finished.Progress.Frames} frames, bound 100");
        Assert.True(finished.Progress.WorkerRestarts > 0, "no restart was counted");
    }

    [Fact]
    public async Task Synchronous_a2c_survives_crashing_workers()
    {
        var finished = await Run(Recipes.CartPole("a2c", maxFrames: 60_000,
            "a3c.faults { env-crash-probability = 0.002, rollout-crash-probability = 0.002 }"));
        Assert.Equal(StopReason.FrameBudgetSpent, finished.Reason);
        Assert.True(finished.Progress.WorkerRestarts > 0);
        Assert.True(finished.Progress.Updates > 50);
    }

    [Theory]
    [InlineData("a2c")]
    [InlineData("a3c-data")]
    public async Task Central_inference_batches_requests_and_training_proceeds(string mode)
    {
        var finished = await Run(Recipes.CartPole(mode, maxFrames: 40_000, "a3c.training.inference = central"));
        Assert.Equal(StopReason.FrameBudgetSpent, finished.Reason);
        Assert.True(finished.Progress.Updates > 20);
        var batching = Assert.IsType<InferenceBatching>(finished.Progress.Inference);
        Assert.True(batching.Batches > 0);
        Assert.True(batching.ObservationsPerBatch >= 8, "each request carries one worker's 8 observations");
        // Every env step took its action from the inference actor, and a run this short still reports them.
        var inferred = batching.Batches * batching.ObservationsPerBatch;
        Assert.True(inferred >= 0.9 * finished.Progress.Frames, $"{inferred:0} observations inferred for {finished.Progress.Frames} frames");
    }
}
