using A3C.Models.Environments.ClassicControl;

namespace A3C.Models.Tests.Environments;

/// <summary>
/// cost = normalise(theta)^2 + 0.1 theta_dot^2 + 0.001 u^2 with u clipped to [-2, 2];
/// theta_dot' = clip(theta_dot + (3 g / 2 l sin(theta) + 3 / (m l^2) u) dt, -8, 8); theta' = theta + theta_dot' dt;
/// g = 10, m = l = 1, dt = 0.05.
/// </summary>
public class PendulumTests
{
    private static (Pendulum Env, float[] Observation) At(double theta, double thetaDot)
    {
        var env = new Pendulum();
        var observation = new float[3];
        env.Reset(observation, 0);
        env.SetState([theta, thetaDot]);
        return (env, observation);
    }

    [Fact]
    public void One_step_follows_the_update_and_cost()
    {
        var (env, observation) = At(1.0, 0.5);
        var result = env.Step([1.0f], observation);

        var thetaDot = 0.5 + (15 * Math.Sin(1.0) + 3 * 1.0) * 0.05;
        var theta = 1.0 + thetaDot * 0.05;
        Assert.Equal(-(1.0 + 0.1 * 0.25 + 0.001), result.Reward, 1e-12);
        Assert.Equal(theta, env.GetState()[0], 1e-12);
        Assert.Equal(thetaDot, env.GetState()[1], 1e-12);
        Assert.Equal((float)Math.Cos(theta), observation[0], 1e-6);
        Assert.Equal((float)Math.Sin(theta), observation[1], 1e-6);
        Assert.Equal((float)thetaDot, observation[2]);
        Assert.False(result.Terminated);
        Assert.False(result.Truncated);
    }

    [Fact]
    public void Cost_uses_the_angle_normalised_to_minus_pi_pi_while_the_state_keeps_turning()
    {
        // 3 pi + 0.1 is 0.1 past the bottom: normalised to -pi + 0.1, so the angle cost is (pi - 0.1)^2.
        var (env, observation) = At(3 * Math.PI + 0.1, 0.0);
        var result = env.Step([0f], observation);
        Assert.Equal(-Math.Pow(Math.PI - 0.1, 2), result.Reward, 1e-12);
        Assert.True(env.GetState()[0] > 3 * Math.PI);
        Assert.Equal(-Math.PI + 0.1, Pendulum.NormaliseAngle(3 * Math.PI + 0.1), 12);
        Assert.Equal(-Math.PI + 0.1, Pendulum.NormaliseAngle(-Math.PI + 0.1), 12);
        Assert.Equal(Math.PI - 0.1, Pendulum.NormaliseAngle(-Math.PI - 0.1), 12);
        Assert.Equal(-Math.PI, Pendulum.NormaliseAngle(Math.PI));
    }

    [Theory]
    [InlineData(5f, 2.0)]
    [InlineData(-7.5f, -2.0)]
    public void Torque_is_clipped_to_two_in_both_dynamics_and_cost(float requested, double applied)
    {
        var (env, observation) = At(0.0, 0.0);
        var result = env.Step([requested], observation);
        Assert.Equal(-0.001 * applied * applied, result.Reward, 1e-12);
        Assert.Equal(3 * applied * 0.05, env.GetState()[1], 1e-12);
    }

    [Fact]
    public void Angular_speed_is_clipped_to_eight()
    {
        // 7.9 + (15 sin(pi/2) + 3 * 2) * 0.05 = 8.95, clipped to 8; theta then moves by 8 * 0.05.
        var (env, observation) = At(Math.PI / 2, 7.9);
        env.Step([2f], observation);
        Assert.Equal(8.0, env.GetState()[1]);
        Assert.Equal(Math.PI / 2 + 0.4, env.GetState()[0], 1e-12);
        Assert.Equal(8f, observation[2]);
    }

    [Fact]
    public void Reset_draws_theta_within_pi_and_speed_within_one()
    {
        var env = new Pendulum();
        var observation = new float[3];
        for (ulong seed = 0; seed < 50; seed++)
        {
            env.Reset(observation, seed);
            var state = env.GetState();
            Assert.InRange(state[0], -Math.PI, Math.PI);
            Assert.InRange(state[1], -1.0, 1.0);
        }
    }
}
