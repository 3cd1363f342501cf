using A3C.Models.Environments;
using A3C.Models.Environments.ClassicControl;
using A3C.Models.Environments.Pong;

namespace A3C.Models.Tests.Environments;

/// <summary>Bad input names the environment, the action and the space.</summary>
public class ErrorTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Discrete_action_outside_the_space(int action)
    {
        var env = EnvironmentRegistry.Standard.Make<float>("CartPole-v1");
        var observation = new float[4];
        env.Reset(observation, 0);
        var error = Assert.Throws<ArgumentException>(() => env.Step(action, observation));
        Assert.Equal($"CartPole-v1: action {action} is outside the action space Discrete(2). (Parameter 'action')", error.Message);
    }

    [Fact]
    public void Pong_action_outside_its_six_actions()
    {
        var env = new PixelPong();
        var frame = new byte[84 * 84];
        env.Reset(frame, 0);
        var error = Assert.Throws<ArgumentException>(() => env.Step(6, frame));
        Assert.StartsWith("PixelPong-v0: action 6 is outside the action space Discrete(6).", error.Message);
        Assert.Throws<ArgumentException>(() => env.Step([1f], frame));
    }

    [Fact]
    public void Integer_action_for_a_box_space()
    {
        var env = new Pendulum();
        var observation = new float[3];
        env.Reset(observation, 0);
        var error = Assert.Throws<ArgumentException>(() => env.Step(1, observation));
        Assert.StartsWith("Pendulum-v1: got the discrete action 1 but the action space is Box(-2.0, 2.0, (1,), float32)", error.Message);
    }

    [Fact]
    public void Float_action_for_a_discrete_space()
    {
        var env = new MountainCar();
        var observation = new float[2];
        env.Reset(observation, 0);
        var error = Assert.Throws<ArgumentException>(() => env.Step([0.5f], observation));
        Assert.StartsWith("MountainCar-v0: got the float action [0.5] but the action space is Discrete(3)", error.Message);
    }

    [Fact]
    public void Wrong_shaped_and_non_finite_continuous_actions()
    {
        var env = new MountainCarContinuous();
        var observation = new float[2];
        env.Reset(observation, 0);
        var shape = Assert.Throws<ArgumentException>(() => env.Step([0.5f, 0.25f], observation));
        Assert.StartsWith("MountainCarContinuous-v0: action [0.5, 0.25] has 2 element(s) but the action space Box(-1.0, 1.0, (1,), float32) needs 1.", shape.Message);
        var nan = Assert.Throws<ArgumentException>(() => env.Step([float.NaN], observation));
        Assert.StartsWith("MountainCarContinuous-v0: action [NaN] is outside the action space", nan.Message);
    }

    [Fact]
    public void Observation_buffer_of_the_wrong_size()
    {
        var env = new Acrobot();
        var error = Assert.Throws<ArgumentException>(() => env.Reset(new float[4], 0));
        Assert.StartsWith("Acrobot-v1: the observation buffer holds 4 element(s) but the observation space", error.Message);
        Assert.Contains("needs 6", error.Message);

        var stacked = EnvironmentRegistry.Standard.Make<byte>("PixelPong-v0");
        var stackError = Assert.Throws<ArgumentException>(() => stacked.Reset(new byte[84 * 84], 0));
        Assert.Contains("(4, 84, 84)", stackError.Message);
    }

    [Fact]
    public void Wrong_state_length()
    {
        var error = Assert.Throws<ArgumentException>(() => new CartPole().SetState([1.0, 2.0]));
        Assert.StartsWith("CartPole-v1: the state has 4 elements, got 2.", error.Message);
    }

    [Fact]
    public void Unknown_id_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Standard.Make<float>("CartPole-v0"));
        Assert.Equal(
            "Unknown environment id 'CartPole-v0'. Known ids: Acrobot-v1, CartPole-v1, HalfCheetah-v5, Hopper-v5, LunarLander-v3, LunarLanderContinuous-v3, MountainCar-v0, MountainCarContinuous-v0, Pendulum-v1, PixelPong-v0. (Parameter 'id')",
            error.Message);
    }

    [Fact]
    public void Observation_type_must_match_the_spec()
    {
        var error = Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Standard.Make<byte>("CartPole-v1"));
        Assert.StartsWith("CartPole-v1 has float32 observations; make it with Make<float>, not Make<byte>.", error.Message);
        var normalise = Assert.Throws<ArgumentException>(() =>
            EnvironmentRegistry.Standard.Make<byte>("PixelPong-v0", new EnvironmentOptions { NormalizeObservations = true }));
        Assert.Contains("float observations only", normalise.Message);
    }

    [Fact]
    public void Registry_lists_specs_and_builds_the_pixel_stack_only_when_asked()
    {
        var registry = EnvironmentRegistry.Standard;
        Assert.Equal(10, registry.Ids.Count);
        Assert.Equal(ElementType.UInt8, registry.Spec("PixelPong-v0").ObservationType);
        Assert.Equal("Box(0.0, 255.0, (4, 84, 84), uint8)", registry.Make<byte>("PixelPong-v0").ObservationSpace.ToString());
        var raw = registry.Make<byte>("PixelPong-v0", new EnvironmentOptions { PixelPreprocessing = false });
        Assert.Equal("Box(0.0, 255.0, (84, 84), uint8)", raw.ObservationSpace.ToString());
        var normalised = registry.Make<float>("CartPole-v1", new EnvironmentOptions { NormalizeObservations = true, MaxEpisodeSteps = 10 });
        Assert.Equal("Box(-inf, inf, (4,), float32)", normalised.ObservationSpace.ToString());
        Assert.Equal("Box([-4.8 -inf -0.418879 -inf], [4.8 inf 0.418879 inf], (4,), float32)", new CartPole().ObservationSpace.ToString());
    }
}
