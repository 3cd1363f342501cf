using A3C.Models.Environments;
using A3C.Models.Environments.Box2D;
using A3C.Models.Environments.ClassicControl;
using A3C.Models.Environments.MuJoCo;
using A3C.Models.Environments.Pong;
using A3C.Models.Environments.Wrappers;

namespace A3C.Models.Tests.Environments;

/// <summary>
/// A step must belong to an episode: Gymnasium's <c>OrderEnforcing</c> refuses a step before the first reset,
/// and so does every environment here, raw or made by the registry, and the vector environment. Environments made
/// by the registry also refuse a step after their episode ended, which would otherwise be reported as an episode.
/// </summary>
public class StepOrderTests
{
    public static TheoryData<string> Ids => [.. EnvironmentRegistry.Standard.Ids];

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_raw_environment_refuses_a_step_before_the_first_reset(string id)
    {
        switch (CreateRaw(id))
        {
            case IEnvironment<float> env:
                AssertRefusedThenFine(env);
                break;
            case IEnvironment<byte> env:
                AssertRefusedThenFine(env);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_registry_environment_refuses_a_step_before_the_first_reset(string id)
    {
        if (EnvironmentRegistry.Standard.Spec(id).ObservationType == ElementType.UInt8)
            AssertRefusedThenFine(EnvironmentRegistry.Standard.Make<byte>(id));
        else
            AssertRefusedThenFine(EnvironmentRegistry.Standard.Make<float>(id));
    }

    [Fact]
    public void A_vector_environment_refuses_a_step_before_its_reset()
    {
        var discrete = EnvironmentRegistry.Standard.MakeVector<float>("CartPole-v1", 2);
        var error = Assert.Throws<InvalidOperationException>(() => discrete.Step([0, 1]));
        Assert.Equal(BeforeResetMessage("CartPole-v1"), error.Message);
        discrete.Reset(0);
        discrete.Step([0, 1]);

        var continuous = EnvironmentRegistry.Standard.MakeVector<float>("Pendulum-v1", 2);
        error = Assert.Throws<InvalidOperationException>(() => continuous.Step([0.5f, -0.5f]));
        Assert.Equal(BeforeResetMessage("Pendulum-v1"), error.Message);
    }

    [Fact]
    public void Statistics_refuse_a_step_after_the_episode_ended_instead_of_reporting_a_one_step_episode()
    {
        var env = new RecordEpisodeStatistics<byte>(new ScriptedEnvironment(terminateAt: 2));
        var frame = new byte[3];
        env.Reset(frame);
        Assert.Null(env.Step(0, frame).Episode);
        Assert.Equal(new EpisodeStatistics(1 + 2, 2), env.Step(0, frame).Episode);

        var error = Assert.Throws<InvalidOperationException>(() => env.Step(0, frame));
        Assert.Equal(AfterEndMessage("Scripted-v0"), error.Message);
        Assert.Throws<InvalidOperationException>(() => env.Step(0, frame));

        // The next episode is counted from its own first step.
        env.Reset(frame);
        env.Step(0, frame);
        Assert.Equal(new EpisodeStatistics(1 + 2, 2), env.Step(0, frame).Episode);
    }

    [Fact]
    public void Statistics_refuse_a_step_before_the_first_reset_even_over_an_environment_that_does_not()
    {
        var env = new RecordEpisodeStatistics<byte>(new ScriptedEnvironment());
        var error = Assert.Throws<InvalidOperationException>(() => env.Step(0, new byte[3]));
        Assert.Equal(BeforeResetMessage("Scripted-v0"), error.Message);
    }

    [Fact]
    public void A_terminated_registry_environment_refuses_the_next_step_until_reset()
    {
        var env = EnvironmentRegistry.Standard.Make<float>("CartPole-v1");
        var observation = new float[4];
        env.Reset(observation, 5);
        // Pushing right forever topples the pole within a few dozen steps.
        var steps = 1;
        StepResult result;
        while (!(result = env.Step(1, observation)).Done)
            steps++;
        Assert.True(result.Terminated);
        Assert.Equal(new EpisodeStatistics(steps, steps), result.Episode);

        var error = Assert.Throws<InvalidOperationException>(() => env.Step(1, observation));
        Assert.Equal(AfterEndMessage("CartPole-v1"), error.Message);
        env.Reset(observation);
        Assert.Null(env.Step(1, observation).Episode);
    }

    [Fact]
    public void A_truncated_registry_environment_refuses_the_next_step_until_reset()
    {
        var env = EnvironmentRegistry.Standard.Make<float>("Pendulum-v1", new EnvironmentOptions { MaxEpisodeSteps = 3 });
        var observation = new float[3];
        env.Reset(observation, 5);
        env.Step([0.5f], observation);
        env.Step([0.5f], observation);
        var last = env.Step([0.5f], observation);
        Assert.True(last.Truncated);
        Assert.Equal(3, last.Episode!.Value.Length);

        var error = Assert.Throws<InvalidOperationException>(() => env.Step([0.5f], observation));
        Assert.Equal(AfterEndMessage("Pendulum-v1"), error.Message);
    }

    [Fact]
    public void The_refusal_reaches_callers_through_frame_skipping()
    {
        var env = new MaxAndSkip<byte>(new RecordEpisodeStatistics<byte>(new ScriptedEnvironment(terminateAt: 6)), 4);
        var frame = new byte[3];
        env.Reset(frame);
        env.Step(0, frame);
        Assert.Equal(new EpisodeStatistics(1 + 2 + 3 + 4 + 5 + 6, 6), env.Step(0, frame).Episode);
        Assert.Throws<InvalidOperationException>(() => env.Step(0, frame));
    }

    private static string AfterEndMessage(string id) =>
        $"{id}: the previous step ended the episode (terminated or truncated); call Reset to start a new episode before stepping again.";

    private static string BeforeResetMessage(string id) => $"{id}: Step was called before Reset; call Reset to start an episode first.";

    private static void AssertRefusedThenFine<TObs>(IEnvironment<TObs> env)
        where TObs : unmanaged
    {
        var observation = new TObs[env.ObservationSpace.Size];
        var error = Assert.Throws<InvalidOperationException>(() => StepOnce(env, observation));
        Assert.Equal(BeforeResetMessage(env.Id), error.Message);
        env.Reset(observation, 3);
        Assert.False(StepOnce(env, observation).Done);
    }

    private static StepResult StepOnce<TObs>(IEnvironment<TObs> env, TObs[] observation)
        where TObs : unmanaged =>
        env.ActionSpace is DiscreteSpace
            ? env.Step(1, observation)
            : env.Step(Enumerable.Repeat(0.5f, env.ActionSpace.Size).ToArray(), observation);

    private static object CreateRaw(string id) => id switch
    {
        "CartPole-v1" => new CartPole(),
        "Acrobot-v1" => new Acrobot(),
        "MountainCar-v0" => new MountainCar(),
        "MountainCarContinuous-v0" => new MountainCarContinuous(),
        "Pendulum-v1" => new Pendulum(),
        "PixelPong-v0" => new PixelPong(),
        "Hopper-v5" => new Hopper(),
        "HalfCheetah-v5" => new HalfCheetah(),
        LunarLander.DiscreteId => new LunarLander(),
        LunarLander.ContinuousId => new LunarLander(continuous: true),
        _ => throw new ArgumentException($"Expected a registered id, got {id}.", nameof(id)),
    };
}
