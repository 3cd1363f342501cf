using A3C.Models.Environments;
using A3C.Models.Environments.ClassicControl;
using A3C.Models.Environments.Wrappers;

namespace A3C.Models.Tests.Environments;

public class VectorEnvTests
{
    [Fact]
    public void Buffers_are_contiguous_rows_and_reset_seeds_each_copy_with_seed_plus_index()
    {
        var vector = EnvironmentRegistry.Standard.MakeVector<float>("CartPole-v1", 3);
        vector.Reset(10);
        Assert.Equal(12, vector.Observations.Length);
        for (var i = 0; i < 3; i++)
        {
            var single = EnvironmentRegistry.Standard.Make<float>("CartPole-v1");
            var observation = new float[4];
            single.Reset(observation, 10 + (ulong)i);
            Assert.Equal(observation, vector.Observations.AsSpan(i * 4, 4).ToArray());
        }
    }

    [Fact]
    public void A_finished_copy_returns_its_final_observation_starts_a_new_episode_and_reports_stats_once()
    {
        var vector = EnvironmentRegistry.Standard.MakeVector<float>("CartPole-v1", 2);
        vector.Reset(5);
        // A twin of copy 1 stepped alongside shows what the copy should have seen.
        var twin = EnvironmentRegistry.Standard.Make<float>("CartPole-v1");
        var twinObservation = new float[4];
        twin.Reset(twinObservation, 6);

        // Pushing right forever topples the pole within a few dozen steps.
        int[] actions = [0, 1];
        var steps = 0;
        while (true)
        {
            steps++;
            var twinResult = twin.Step(1, twinObservation);
            vector.Step(actions);
            Assert.Equal(twinResult.Terminated, vector.Terminated[1]);
            if (twinResult.Terminated)
                break;
            Assert.DoesNotContain(vector.FinishedEpisodes, e => e.EnvIndex == 1);
            Assert.Equal(twinObservation, vector.Observations.AsSpan(4, 4).ToArray());
            Assert.True(steps < 100, "the pole should fall");
        }

        Assert.False(vector.Truncated[1]);
        Assert.Equal(1f, vector.Rewards[1]);
        Assert.Equal(twinObservation, vector.FinalObservations.AsSpan(4, 4).ToArray());
        var finished = Assert.Single(vector.FinishedEpisodes, e => e.EnvIndex == 1);
        Assert.Equal(new EpisodeStatistics(steps, steps), finished.Statistics);

        // Same-step autoreset: the observation row already holds the next episode's start, drawn from the
        // copy's generator as an unseeded reset of the twin draws it.
        twin.Reset(twinObservation);
        Assert.Equal(twinObservation, vector.Observations.AsSpan(4, 4).ToArray());
        Assert.All(twinObservation, v => Assert.InRange(v, -0.05f, 0.05f));

        vector.Step([0, 0]);
        Assert.DoesNotContain(vector.FinishedEpisodes, e => e.EnvIndex == 1);
        Assert.False(vector.Terminated[1]);
    }

    [Fact]
    public void Autoreset_reports_each_scripted_episode_exactly_once()
    {
        // Copies whose episodes last 2, 3 and 5 steps; step t of an episode pays t.
        int[] lengths = [2, 3, 5];
        var vector = new VectorEnv<byte>([.. lengths.Select(n => (IEnvironment<byte>)new RecordEpisodeStatistics<byte>(new ScriptedEnvironment(terminateAt: n)))]);
        vector.Reset(0);
        var reported = new List<FinishedEpisode>();
        for (var step = 1; step <= 30; step++)
        {
            vector.Step([0, 0, 0]);
            reported.AddRange(vector.FinishedEpisodes);
            for (var i = 0; i < lengths.Length; i++)
                Assert.Equal(step % lengths[i] == 0, vector.Terminated[i]);
        }
        for (var i = 0; i < lengths.Length; i++)
        {
            var n = lengths[i];
            var episodes = reported.Where(e => e.EnvIndex == i).Select(e => e.Statistics).ToArray();
            Assert.Equal(Enumerable.Repeat(new EpisodeStatistics(n * (n + 1) / 2, n), 30 / n), episodes);
        }
    }

    [Fact]
    public void Autoreset_reports_every_registry_episode_once_in_the_step_that_ends_it()
    {
        var vector = EnvironmentRegistry.Standard.MakeVector<float>("CartPole-v1", 4, new EnvironmentOptions { MaxEpisodeSteps = 20 });
        vector.Reset(3);
        var policy = new Xoshiro256(1);
        var actions = new int[4];
        var lengths = new int[4];
        var returns = new double[4];
        int terminatedEpisodes = 0, truncatedOnlyEpisodes = 0;
        for (var step = 0; step < 500; step++)
        {
            for (var i = 0; i < 4; i++)
                actions[i] = policy.NextInt(2);
            vector.Step(actions);
            for (var i = 0; i < 4; i++)
            {
                lengths[i]++;
                returns[i] += vector.Rewards[i];
                var reports = vector.FinishedEpisodes.Where(e => e.EnvIndex == i).ToArray();
                if (!(vector.Terminated[i] || vector.Truncated[i]))
                {
                    Assert.Empty(reports);
                    continue;
                }
                Assert.Equal(new EpisodeStatistics(returns[i], lengths[i]), Assert.Single(reports).Statistics);
                (lengths[i], returns[i]) = (0, 0);
                if (vector.Terminated[i])
                    terminatedEpisodes++;
                else
                    truncatedOnlyEpisodes++;
            }
        }
        // Both ways of ending happen: random pushes topple the pole, and some episodes reach the 20-step limit.
        Assert.True(terminatedEpisodes > 10, $"expected terminations, got {terminatedEpisodes}");
        Assert.True(truncatedOnlyEpisodes > 10, $"expected truncations, got {truncatedOnlyEpisodes}");
    }

    [Fact]
    public void A_truncated_copy_keeps_its_final_observation_for_bootstrapping()
    {
        var options = new EnvironmentOptions { MaxEpisodeSteps = 3 };
        var vector = EnvironmentRegistry.Standard.MakeVector<float>("Pendulum-v1", 1, options);
        var twin = EnvironmentRegistry.Standard.Make<float>("Pendulum-v1", options);
        var twinObservation = new float[3];
        vector.Reset(8);
        twin.Reset(twinObservation, 8);
        for (var step = 1; step <= 3; step++)
        {
            vector.Step([0.5f]);
            twin.Step([0.5f], twinObservation);
            Assert.Equal(step == 3, vector.Truncated[0]);
            Assert.False(vector.Terminated[0]);
        }
        Assert.Equal(twinObservation, vector.FinalObservations);
        Assert.NotEqual(twinObservation, vector.Observations);
        Assert.Equal(3, Assert.Single(vector.FinishedEpisodes).Statistics.Length);
    }

    [Fact]
    public void Continuous_actions_are_rows_of_the_action_size()
    {
        var vector = EnvironmentRegistry.Standard.MakeVector<float>("Pendulum-v1", 2);
        vector.Reset(1);
        var before = (Pendulum)Unwrapped(vector.Environments[0]);
        var (theta, thetaDot) = (before.GetState()[0], before.GetState()[1]);
        vector.Step([2f, -2f]);
        var angle = Pendulum.NormaliseAngle(theta);
        Assert.Equal((float)-(angle * angle + 0.1 * thetaDot * thetaDot + 0.001 * 4), vector.Rewards[0], 1e-6f);
        Assert.Equal(3 * 2 * 0.05 + thetaDot + 15 * Math.Sin(theta) * 0.05, before.GetState()[1], 1e-12);
        Assert.Equal(6, vector.Observations.Length);

        var error = Assert.Throws<ArgumentException>(() => vector.Step([1f, 1f, 1f]));
        Assert.Contains("Pendulum-v1", error.Message);
        Assert.Contains("3 action value(s) for 2 copies", error.Message);
    }

    [Fact]
    public void Pixel_copies_share_one_byte_buffer_of_n_stacks()
    {
        var vector = EnvironmentRegistry.Standard.MakeVector<byte>("PixelPong-v0", 2);
        vector.Reset(0);
        Assert.Equal(2 * 4 * 84 * 84, vector.Observations.Length);
        vector.Step([2, 3]);
        Assert.Equal(4 * 84 * 84, vector.ObservationSize);
    }

    [Fact]
    public void Stepping_allocates_nothing()
    {
        var vector = EnvironmentRegistry.Standard.MakeVector<float>("CartPole-v1", 8);
        vector.Reset(0);
        var actions = new int[8];
        for (var i = 0; i < 1000; i++)
            vector.Step(actions);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            vector.Step(actions);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Wrong_action_count_and_mismatched_copies_are_rejected()
    {
        var vector = EnvironmentRegistry.Standard.MakeVector<float>("CartPole-v1", 4);
        vector.Reset(0);
        var error = Assert.Throws<ArgumentException>(() => vector.Step([0, 1]));
        Assert.Contains("2 action(s) for 4 environment copies", error.Message);

        Assert.Throws<ArgumentException>(() => new VectorEnv<float>([new CartPole(), new Acrobot()]));
        Assert.Throws<ArgumentException>(() => new VectorEnv<float>([]));
    }

    private static IEnvironment<float> Unwrapped(IEnvironment<float> env) =>
        env is A3C.Models.Environments.Wrappers.EnvironmentWrapper<float> wrapper ? Unwrapped(wrapper.Inner) : env;
}
