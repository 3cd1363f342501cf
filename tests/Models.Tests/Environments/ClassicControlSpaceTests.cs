using A3C.Models.Environments;
using A3C.Models.Environments.ClassicControl;

namespace A3C.Models.Tests.Environments;

/// <summary>Observation and action spaces written out from Gymnasium 1.0's classic-control sources, all float32.</summary>
public class ClassicControlSpaceTests
{
    private const float Infinity = float.PositiveInfinity;

    public static TheoryData<string, float[], string> ObservationHighs => new()
    {
        // high = [x_threshold * 2, np.inf, theta_threshold_radians * 2, np.inf]
        { "CartPole-v1", [4.8f, Infinity, (float)(2 * 12 * 2 * Math.PI / 360), Infinity], "Discrete(2)" },
        // high = [1.0, 1.0, 1.0, 1.0, MAX_VEL_1 = 4 pi, MAX_VEL_2 = 9 pi]
        { "Acrobot-v1", [1f, 1f, 1f, 1f, (float)(4 * Math.PI), (float)(9 * Math.PI)], "Discrete(3)" },
        // high = [1.0, 1.0, max_speed]
        { "Pendulum-v1", [1f, 1f, 8f], "Box(-2.0, 2.0, (1,), float32)" },
    };

    [Theory]
    [MemberData(nameof(ObservationHighs))]
    public void Symmetric_bounds_match_gymnasium(string id, float[] high, string actionSpace)
    {
        var env = Create(id);
        Assert.Equal(high, env.ObservationSpace.High.ToArray());
        Assert.Equal(high.Select(h => -h).ToArray(), env.ObservationSpace.Low.ToArray());
        Assert.Equal(ElementType.Float32, env.ObservationSpace.ElementType);
        Assert.Equal(actionSpace, env.ActionSpace.ToString());
    }

    [Theory]
    [InlineData("MountainCar-v0", "Discrete(3)")]
    [InlineData("MountainCarContinuous-v0", "Box(-1.0, 1.0, (1,), float32)")]
    public void Mountain_car_bounds_match_gymnasium(string id, string actionSpace)
    {
        // low = [min_position, -max_speed], high = [max_position, max_speed]
        var env = Create(id);
        Assert.Equal([-1.2f, -0.07f], env.ObservationSpace.Low.ToArray());
        Assert.Equal([0.6f, 0.07f], env.ObservationSpace.High.ToArray());
        Assert.Equal(actionSpace, env.ActionSpace.ToString());
    }

    private static ClassicControlEnvironment Create(string id) => id switch
    {
        "CartPole-v1" => new CartPole(),
        "Acrobot-v1" => new Acrobot(),
        "MountainCar-v0" => new MountainCar(),
        "MountainCarContinuous-v0" => new MountainCarContinuous(),
        "Pendulum-v1" => new Pendulum(),
        _ => throw new ArgumentException($"Expected a classic-control id, got {id}.", nameof(id)),
    };
}
