using A3C.Models.Environments;
using A3C.Models.Environments.ClassicControl;
using A3C.Models.Environments.Pong;

namespace A3C.Models.Tests.Environments;

/// <summary>
/// A step must belong to an episode: Gymnasium's <c>OrderEnforcing</c> refuses a step before the first reset,
/// and so does every environment here, raw or made by the registry, and the vector environment.
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
        env.ActionSpace is DiscreteSpace ? env.Step(1, observation) : env.Step([0.5f], observation);

    private static object CreateRaw(string id) => id switch
    {
        "CartPole-v1" => new CartPole(),
        "Acrobot-v1" => new Acrobot(),
        "MountainCar-v0" => new MountainCar(),
        "MountainCarContinuous-v0" => new MountainCarContinuous(),
        "Pendulum-v1" => new Pendulum(),
        "PixelPong-v0" => new PixelPong(),
        _ => throw new ArgumentException($"Expected a registered id, got {id}.", nameof(id)),
    };
}
