using A3C.Models.Environments;
using A3C.Models.Environments.ClassicControl;
using A3C.Models.Environments.Wrappers;

namespace A3C.Models.Tests.Environments;

public class WrapperTests
{
    [Fact]
    public void Max_and_skip_repeats_four_frames_sums_rewards_and_pools_the_last_two()
    {
        var inner = new ScriptedEnvironment();
        var env = new MaxAndSkip<byte>(inner, 4);
        var frame = new byte[3];
        env.Reset(frame);

        var result = env.Step(1, frame);

        Assert.Equal(4, inner.StepsSinceReset);
        Assert.Equal(1 + 2 + 3 + 4, result.Reward);
        for (var i = 0; i < 3; i++)
            Assert.Equal(Math.Max(ScriptedEnvironment.Pixel(3, i), ScriptedEnvironment.Pixel(4, i)), frame[i]);
        // The script makes the pooled frame differ from the last one somewhere, so pooling is really exercised.
        Assert.Contains(Enumerable.Range(0, 3), i => frame[i] != ScriptedEnvironment.Pixel(4, i));

        env.Step(1, frame);
        for (var i = 0; i < 3; i++)
            Assert.Equal(Math.Max(ScriptedEnvironment.Pixel(7, i), ScriptedEnvironment.Pixel(8, i)), frame[i]);
    }

    [Fact]
    public void Max_and_skip_stops_when_the_episode_ends_and_pools_the_frames_it_saw()
    {
        var inner = new ScriptedEnvironment(terminateAt: 6);
        var env = new MaxAndSkip<byte>(inner, 4);
        var frame = new byte[3];
        env.Reset(frame);
        env.Step(0, frame);
        var result = env.Step(0, frame);
        Assert.True(result.Terminated);
        Assert.Equal(6, inner.StepsSinceReset);
        Assert.Equal(5 + 6, result.Reward);
        for (var i = 0; i < 3; i++)
            Assert.Equal(Math.Max(ScriptedEnvironment.Pixel(5, i), ScriptedEnvironment.Pixel(6, i)), frame[i]);

        // Ending on the very first repeated frame returns that frame unpooled.
        var early = new MaxAndSkip<byte>(new ScriptedEnvironment(terminateAt: 1), 4);
        early.Reset(frame);
        var single = early.Step(0, frame);
        Assert.True(single.Terminated);
        Assert.Equal(1, single.Reward);
        Assert.Equal([ScriptedEnvironment.Pixel(1, 0), ScriptedEnvironment.Pixel(1, 1), ScriptedEnvironment.Pixel(1, 2)], frame);
    }

    [Fact]
    public void Frame_stack_orders_oldest_first_and_pads_with_the_reset_frame()
    {
        var env = new FrameStack<byte>(new ScriptedEnvironment(frameSize: 2), 3);
        Assert.Equal([3, 2], env.ObservationSpace.Shape.ToArray());
        var stack = new byte[6];

        env.Reset(stack);
        byte[] Frames(params int[] ts) => [.. ts.SelectMany(t => new[] { ScriptedEnvironment.Pixel(t, 0), ScriptedEnvironment.Pixel(t, 1) })];
        Assert.Equal(Frames(0, 0, 0), stack);

        env.Step(0, stack);
        Assert.Equal(Frames(0, 0, 1), stack);
        env.Step(0, stack);
        env.Step(0, stack);
        Assert.Equal(Frames(1, 2, 3), stack);
        env.Step(0, stack);
        Assert.Equal(Frames(2, 3, 4), stack);

        env.Reset(stack);
        Assert.Equal(Frames(0, 0, 0), stack);
    }

    [Fact]
    public void Reward_clipping_keeps_only_the_sign()
    {
        var env = new ClipReward<float>(new TimeLimit<float>(new Pendulum(), 200));
        var observation = new float[3];
        env.Reset(observation, 0);
        Assert.Equal(-1.0, env.Step([1f], observation).Reward);

        var scripted = new ClipReward<byte>(new ScriptedEnvironment());
        var frame = new byte[3];
        scripted.Reset(frame);
        Assert.Equal(1.0, scripted.Step(0, frame).Reward);
        Assert.Equal(1.0, scripted.Step(0, frame).Reward);
    }

    [Fact]
    public void Time_limit_truncates_exactly_at_the_limit_and_keeps_termination()
    {
        var env = new TimeLimit<byte>(new ScriptedEnvironment(), 5);
        var frame = new byte[3];
        env.Reset(frame);
        for (var i = 1; i < 5; i++)
            Assert.False(env.Step(0, frame).Truncated);
        Assert.True(env.Step(0, frame).Truncated);
        env.Reset(frame);
        Assert.Equal(0, env.ElapsedSteps);
        Assert.False(env.Step(0, frame).Truncated);

        // Terminating on the limit's step reports both, so the learner does not bootstrap.
        var both = new TimeLimit<byte>(new ScriptedEnvironment(terminateAt: 2), 2);
        both.Reset(frame);
        both.Step(0, frame);
        var last = both.Step(0, frame);
        Assert.True(last.Terminated);
        Assert.True(last.Truncated);
    }

    [Theory]
    [InlineData("CartPole-v1", 500)]
    [InlineData("Acrobot-v1", 500)]
    [InlineData("MountainCar-v0", 200)]
    [InlineData("MountainCarContinuous-v0", 999)]
    [InlineData("Pendulum-v1", 200)]
    public void Registry_applies_each_tasks_gymnasium_time_limit(string id, int limit)
    {
        Assert.Equal(limit, EnvironmentRegistry.Standard.Spec(id).MaxEpisodeSteps);
        var env = EnvironmentRegistry.Standard.Make<float>(id);
        var limiter = Unwrap<TimeLimit<float>>(env);
        Assert.Equal(limit, limiter.MaxEpisodeSteps);
    }

    [Fact]
    public void Pendulum_from_the_registry_truncates_at_step_200_and_reports_the_episode()
    {
        var env = EnvironmentRegistry.Standard.Make<float>("Pendulum-v1");
        var observation = new float[3];
        env.Reset(observation, 3);
        var sum = 0.0;
        for (var step = 1; step < 200; step++)
        {
            var result = env.Step([0.5f], observation);
            sum += result.Reward;
            Assert.False(result.Done);
            Assert.Null(result.Episode);
        }
        var last = env.Step([0.5f], observation);
        sum += last.Reward;
        Assert.True(last.Truncated);
        Assert.False(last.Terminated);
        Assert.Equal(200, last.Episode!.Value.Length);
        Assert.Equal(sum, last.Episode.Value.Return, 9);
    }

    [Fact]
    public void Episode_statistics_report_unclipped_returns_when_rewards_are_clipped()
    {
        var env = new ClipReward<byte>(new RecordEpisodeStatistics<byte>(new ScriptedEnvironment(terminateAt: 3)));
        var frame = new byte[3];
        env.Reset(frame);
        env.Step(0, frame);
        env.Step(0, frame);
        var last = env.Step(0, frame);
        Assert.Equal(1.0, last.Reward);
        Assert.Equal(new EpisodeStatistics(1 + 2 + 3, 3), last.Episode);
    }

    [Fact]
    public void Normaliser_tracks_running_mean_and_variance_like_gymnasium()
    {
        var env = new NormalizeObservation(new CartPole());
        var observation = new float[4];
        env.Reset(observation, 0);
        var unwrapped = (CartPole)env.Inner;
        var first = unwrapped.GetState().Select(v => (double)(float)v).ToArray();

        // count 1e-4, mean 0, var 1, merged with one sample x: mean = x / (1 + 1e-4);
        // var = (1e-4 + x^2 * 1e-4 / (1 + 1e-4)) / (1 + 1e-4).
        const double c = 1e-4;
        for (var i = 0; i < 4; i++)
        {
            var mean = first[i] / (c + 1);
            var variance = (c + first[i] * first[i] * c / (c + 1)) / (c + 1);
            Assert.Equal(mean, env.Statistics.Mean[i], 1e-12);
            Assert.Equal(variance, env.Statistics.Variance[i], 1e-12);
            Assert.Equal((float)((first[i] - mean) / Math.Sqrt(variance + 1e-8)), observation[i], 1e-6);
        }
        Assert.Equal(1 + c, env.Statistics.Count, 12);
    }

    [Fact]
    public void Normaliser_state_saves_restores_and_can_be_frozen()
    {
        var env = new NormalizeObservation(new Pendulum());
        var observation = new float[3];
        env.Reset(observation, 0);
        for (var i = 0; i < 20; i++)
            env.Step([1f], observation);
        var saved = env.Statistics.Save();
        Assert.Equal(21 + 1e-4, saved.Count, 9);

        var restored = new NormalizeObservation(new Pendulum()) { UpdateStatistics = false };
        restored.Statistics.Restore(saved);
        var again = new float[3];
        restored.Reset(again, 0);
        Assert.Equal(saved.Mean, restored.Statistics.Mean.ToArray());
        Assert.Equal(saved.Count, restored.Statistics.Count);

        Assert.Throws<ArgumentException>(() => restored.Statistics.Restore(new RunningMeanStdState([0.0], [1.0], 1)));
        Assert.Throws<ArgumentException>(() => restored.Statistics.Restore(saved with { Count = 0 }));
    }

    private static T Unwrap<T>(IEnvironment<float> env)
        where T : class
    {
        while (true)
        {
            if (env is T found)
                return found;
            env = ((EnvironmentWrapper<float>)env).Inner;
        }
    }
}
