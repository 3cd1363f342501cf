using A3C.Models.Algorithms;

namespace A3C.Models.Tests.Algorithms;

public sealed class NStepTransitionBuilderTests
{
    private const float Gamma = 0.5f;

    // One copy, observation = one float holding the time step, so rows are easy to read.
    private static void Step(NStepTransitionBuilder<float> builder, float t, float reward, bool terminated = false,
        bool truncated = false, float? final = null) =>
        builder.Add([t], [(int)t], [reward], [terminated], [truncated], [terminated || truncated ? 100 : t + 1], [final ?? -1]);

    [Fact]
    public void Emits_the_oldest_step_once_n_are_pending_and_bootstraps_from_the_newest_observation()
    {
        var builder = new NStepTransitionBuilder<float>(1, 1, steps: 3, Gamma);
        Step(builder, 0, 1);
        Step(builder, 1, 2);
        Assert.Equal(0, builder.Count);
        Step(builder, 2, 4);
        var batch = builder.Drain();
        Assert.Equal(1, batch.Count);
        Assert.Equal(0f, batch.Observations[0]);
        Assert.Equal(0, batch.Actions[0]);
        Assert.Equal(1 + 0.5f * 2 + 0.25f * 4, batch.Returns[0]);
        Assert.Equal(3f, batch.BootstrapObservations[0]); // s_{t+3}
        Assert.Equal(0.125f, batch.BootstrapDiscounts[0]); // γ^3
    }

    [Fact]
    public void Termination_flushes_every_pending_step_without_bootstrap()
    {
        var builder = new NStepTransitionBuilder<float>(1, 1, steps: 3, Gamma);
        Step(builder, 0, 1);
        Step(builder, 1, 2, terminated: true);
        var batch = builder.Drain();
        Assert.Equal(2, batch.Count);
        Assert.Equal([1 + 0.5f * 2, 2f], batch.Returns);
        Assert.Equal([0f, 0f], batch.BootstrapDiscounts);
        Assert.Equal(0, builder.Drain().Count);
    }

    [Fact]
    public void Truncation_bootstraps_from_the_final_observation_of_the_episode()
    {
        var builder = new NStepTransitionBuilder<float>(1, 1, steps: 3, Gamma);
        Step(builder, 0, 1);
        Step(builder, 1, 2, truncated: true, final: 42);
        var batch = builder.Drain();
        Assert.Equal(2, batch.Count);
        Assert.Equal([42f, 42f], batch.BootstrapObservations);
        Assert.Equal([0.25f, 0.5f], batch.BootstrapDiscounts); // γ^2 from step 0, γ^1 from step 1
        Assert.Equal([1 + 0.5f * 2, 2f], batch.Returns);
    }

    [Fact]
    public void Copies_are_tracked_independently()
    {
        var builder = new NStepTransitionBuilder<float>(2, 1, steps: 1, Gamma);
        builder.Add([10, 20], [1, 2], [1, -1], [false, true], [false, false], [11, 0], [0, 0]);
        var batch = builder.Drain();
        Assert.Equal(2, batch.Count);
        Assert.Equal([10f, 20f], batch.Observations);
        Assert.Equal([1, 2], batch.Actions);
        Assert.Equal([0.5f, 0f], batch.BootstrapDiscounts);
        Assert.Equal(11f, batch.BootstrapObservations[0]);
    }

    [Fact]
    public void Batches_concatenate_in_order()
    {
        var a = new TransitionBatch<float>(1, 2, [1, 2], [0], [0.5f], [3, 4], [0.9f]);
        var b = new TransitionBatch<float>(2, 2, [5, 6, 7, 8], [1, 1], [1, 2], [9, 10, 11, 12], [0, 0.9f]);
        var joined = TransitionBatch<float>.Concat([a, b]);
        Assert.Equal(3, joined.Count);
        Assert.Equal([1f, 2, 5, 6, 7, 8], joined.Observations);
        Assert.Equal([0.5f, 1, 2], joined.Returns);
        Assert.Equal([3f, 4, 9, 10, 11, 12], joined.BootstrapObservations);
    }
}
