using A3C.Models.Environments.ClassicControl;

namespace A3C.Models.Tests.Environments;

/// <summary>Expected values come from Gymnasium's CartPole equations with the constants written out.</summary>
public class CartPoleTests
{
    private static (CartPole Env, float[] Observation) At(params double[] state)
    {
        var env = new CartPole();
        var observation = new float[4];
        env.Reset(observation, 0);
        env.SetState(state);
        return (env, observation);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void One_euler_step_matches_the_equations_of_motion(int action)
    {
        double x = 0.01, xDot = 0.02, theta = 0.03, thetaDot = 0.04;
        var (env, observation) = At(x, xDot, theta, thetaDot);

        var force = action == 1 ? 10.0 : -10.0;
        var temp = (force + 0.05 * thetaDot * thetaDot * Math.Sin(theta)) / 1.1;
        var thetaAcc = (9.8 * Math.Sin(theta) - Math.Cos(theta) * temp) / (0.5 * (4.0 / 3.0 - 0.1 * Math.Cos(theta) * Math.Cos(theta) / 1.1));
        var xAcc = temp - 0.05 * thetaAcc * Math.Cos(theta) / 1.1;
        double[] expected = [x + 0.02 * xDot, xDot + 0.02 * xAcc, theta + 0.02 * thetaDot, thetaDot + 0.02 * thetaAcc];

        var result = env.Step(action, observation);

        Assert.Equal(1.0, result.Reward);
        Assert.False(result.Terminated);
        Assert.False(result.Truncated);
        var state = env.GetState();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], state[i], 1e-12);
            Assert.Equal((float)expected[i], observation[i]);
        }
    }

    [Fact]
    public void Semi_implicit_euler_moves_positions_with_the_new_velocities()
    {
        var env = new CartPole(CartPoleIntegrator.SemiImplicitEuler);
        var observation = new float[4];
        env.Reset(observation, 0);
        env.SetState([0.0, 1.0, 0.0, 0.0]);
        env.Step(1, observation);
        // theta = 0: temp = 10 / 1.1, thetaAcc = -temp / (0.5 (4/3 - 0.1 / 1.1)), xAcc = temp - 0.05 thetaAcc / 1.1.
        var temp = 10.0 / 1.1;
        var thetaAcc = -temp / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        var xAcc = temp - 0.05 * thetaAcc / 1.1;
        var xDot = 1.0 + 0.02 * xAcc;
        var state = env.GetState();
        Assert.Equal(xDot, state[1], 1e-12);
        Assert.Equal(0.02 * xDot, state[0], 1e-12);
        Assert.Equal(0.02 * 0.02 * thetaAcc, state[2], 1e-12);
    }

    [Theory]
    [InlineData(2.39, 1.0, 0.0, 0.0)]     // cart leaves on the right: x = 2.41
    [InlineData(-2.39, -1.0, 0.0, 0.0)]   // and on the left
    [InlineData(0.0, 0.0, 0.2, 0.5)]      // pole past +12 degrees: theta = 0.21 > 0.2094
    [InlineData(0.0, 0.0, -0.2, -0.5)]    // and past -12 degrees
    public void Crossing_a_threshold_terminates_with_reward_one_then_zero(double x, double xDot, double theta, double thetaDot)
    {
        var (env, observation) = At(x, xDot, theta, thetaDot);
        var result = env.Step(1, observation);
        Assert.True(result.Terminated);
        Assert.Equal(1.0, result.Reward);
        // Stepping a finished episode is a caller error Gymnasium tolerates with no reward.
        var after = env.Step(1, observation);
        Assert.True(after.Terminated);
        Assert.Equal(0.0, after.Reward);
    }

    [Theory]
    [InlineData(2.4, 0.0, 0.0, 0.0)]
    [InlineData(-2.4, 0.0, 0.0, 0.0)]
    public void Sitting_exactly_on_the_x_threshold_is_not_terminal(double x, double xDot, double theta, double thetaDot)
    {
        // The pole is upright and still, so theta stays 0 and x moves by tau * x_dot = 0.
        var (env, observation) = At(x, xDot, theta, thetaDot);
        Assert.False(env.Step(0, observation).Terminated);
        Assert.Equal(x, env.GetState()[0]);
    }

    [Fact]
    public void Theta_threshold_is_twelve_degrees_and_observation_bounds_are_twice_the_thresholds()
    {
        Assert.Equal(12 * 2 * Math.PI / 360, CartPole.ThetaThresholdRadians);
        var space = new CartPole().ObservationSpace;
        Assert.Equal(4.8f, space.High[0]);
        Assert.Equal((float)(4 * 12 * Math.PI / 360), space.High[2]);
        // Gymnasium 1.0 leaves the velocities unbounded (np.inf), not np.finfo(np.float32).max.
        Assert.Equal(float.PositiveInfinity, space.High[1]);
        Assert.Equal(float.NegativeInfinity, space.Low[3]);
        Assert.Equal("Discrete(2)", new CartPole().ActionSpace.ToString());
    }

    [Fact]
    public void Reset_draws_each_state_variable_uniformly_within_five_hundredths()
    {
        var env = new CartPole();
        var observation = new float[4];
        var seen = new List<float>();
        for (ulong seed = 0; seed < 200; seed++)
        {
            env.Reset(observation, seed);
            Assert.All(observation, v => Assert.InRange(v, -0.05f, 0.05f));
            seen.AddRange(observation);
        }
        // Uniform over (-0.05, 0.05): both halves are populated and the spread is wide.
        Assert.InRange(seen.Count(v => v > 0) / (double)seen.Count, 0.4, 0.6);
        Assert.True(seen.Max() > 0.045f && seen.Min() < -0.045f);
    }
}
