using A3C.Models.Environments.ClassicControl;

namespace A3C.Models.Tests.Environments;

/// <summary>
/// The reference below is written from the book equations (Sutton and Barto) with m1 = m2 = l1 = 1,
/// lc1 = lc2 = 0.5, I1 = I2 = 1, g = 9.8, one RK4 step of 0.2 s, then wrapping and clipping as Gymnasium does.
/// </summary>
public class AcrobotTests
{
    private static double[] BookDerivatives(double[] s, double a)
    {
        double t1 = s[0], t2 = s[1], dt1 = s[2], dt2 = s[3];
        var d1 = 1 * 0.25 + 1 * (1 + 0.25 + 2 * 1 * 0.5 * Math.Cos(t2)) + 1 + 1;
        var d2 = 1 * (0.25 + 1 * 0.5 * Math.Cos(t2)) + 1;
        var phi2 = 1 * 0.5 * 9.8 * Math.Cos(t1 + t2 - Math.PI / 2);
        var phi1 = -1 * 1 * 0.5 * dt2 * dt2 * Math.Sin(t2) - 2 * 1 * 1 * 0.5 * dt2 * dt1 * Math.Sin(t2)
                   + (1 * 0.5 + 1 * 1) * 9.8 * Math.Cos(t1 - Math.PI / 2) + phi2;
        var ddt2 = (a + d2 / d1 * phi1 - 1 * 1 * 0.5 * dt1 * dt1 * Math.Sin(t2) - phi2) / (1 * 0.25 + 1 - d2 * d2 / d1);
        var ddt1 = -(d2 * ddt2 + phi1) / d1;
        return [dt1, dt2, ddt1, ddt2];
    }

    private static double[] Axpy(double[] y, double h, double[] k) => [.. y.Select((v, i) => v + h * k[i])];

    private static double[] ReferenceStep(double[] s, double torque)
    {
        var k1 = BookDerivatives(s, torque);
        var k2 = BookDerivatives(Axpy(s, 0.1, k1), torque);
        var k3 = BookDerivatives(Axpy(s, 0.1, k2), torque);
        var k4 = BookDerivatives(Axpy(s, 0.2, k3), torque);
        var next = s.Select((v, i) => v + 0.2 / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i])).ToArray();
        for (var i = 0; i < 2; i++)
        {
            while (next[i] > Math.PI) next[i] -= 2 * Math.PI;
            while (next[i] < -Math.PI) next[i] += 2 * Math.PI;
        }
        next[2] = Math.Clamp(next[2], -4 * Math.PI, 4 * Math.PI);
        next[3] = Math.Clamp(next[3], -9 * Math.PI, 9 * Math.PI);
        return next;
    }

    private static (Acrobot Env, float[] Observation) At(params double[] state)
    {
        var env = new Acrobot();
        var observation = new float[6];
        env.Reset(observation, 0);
        env.SetState(state);
        return (env, observation);
    }

    [Theory]
    [InlineData(0.05, -0.03, 0.02, 0.01, 0)]
    [InlineData(0.05, -0.03, 0.02, 0.01, 1)]
    [InlineData(0.5, 1.0, -1.0, 2.0, 2)]
    public void One_step_matches_rk4_on_the_book_dynamics(double t1, double t2, double dt1, double dt2, int action)
    {
        var (env, observation) = At(t1, t2, dt1, dt2);
        var expected = ReferenceStep([t1, t2, dt1, dt2], action - 1);

        var result = env.Step(action, observation);

        var state = env.GetState();
        for (var i = 0; i < 4; i++)
            Assert.Equal(expected[i], state[i], 1e-12);
        float[] expectedObservation =
        [
            (float)Math.Cos(expected[0]), (float)Math.Sin(expected[0]), (float)Math.Cos(expected[1]), (float)Math.Sin(expected[1]),
            (float)expected[2], (float)expected[3],
        ];
        for (var i = 0; i < 6; i++)
            Assert.Equal(expectedObservation[i], observation[i], 1e-6);
        Assert.Equal(-1.0, result.Reward);
        Assert.False(result.Terminated);
    }

    [Fact]
    public void Angles_past_pi_wrap_to_the_other_side()
    {
        // Spinning fast just below pi: after 0.2 s theta1 has passed pi and must come back as a negative angle.
        var (env, observation) = At(3.0, 0.0, 5.0, 0.0);
        env.Step(1, observation);
        var state = env.GetState();
        var expected = ReferenceStep([3.0, 0.0, 5.0, 0.0], 0);
        Assert.InRange(state[0], -Math.PI, 0);
        Assert.Equal(expected[0], state[0], 1e-12);
        Assert.Equal(4 - 2 * Math.PI, Acrobot.Wrap(4, -Math.PI, Math.PI), 15);
        Assert.Equal(-4 + 2 * Math.PI, Acrobot.Wrap(-4, -Math.PI, Math.PI), 15);
        Assert.Equal(Math.PI, Acrobot.Wrap(Math.PI, -Math.PI, Math.PI));
        Assert.Equal(1.0, Acrobot.Wrap(1 + 6 * Math.PI, -Math.PI, Math.PI), 12);
    }

    [Fact]
    public void Velocities_are_clipped_to_four_and_nine_pi()
    {
        // Spun far beyond both limits, the integrated speeds come out beyond them too and are clipped.
        var (env, observation) = At(0.0, 0.0, 100.0, -100.0);
        env.Step(1, observation);
        var state = env.GetState();
        var expected = ReferenceStep([0.0, 0.0, 100.0, -100.0], 0);
        Assert.Equal(4 * Math.PI, Math.Abs(state[2]));
        Assert.Equal(9 * Math.PI, Math.Abs(state[3]));
        Assert.Equal(expected[2], state[2]);
        Assert.Equal(expected[3], state[3]);
        Assert.Equal((float)state[2], observation[4]);
        Assert.Equal((float)state[3], observation[5]);
    }

    [Fact]
    public void Raising_the_tip_above_one_link_length_terminates_with_zero_reward()
    {
        // Both links pointing up and nearly still: -cos(t1) - cos(t1 + t2) is about 2 > 1.
        var (env, observation) = At(Math.PI, 0.0, 0.0, 0.0);
        var result = env.Step(1, observation);
        Assert.True(result.Terminated);
        Assert.Equal(0.0, result.Reward);
    }

    [Fact]
    public void Reset_draws_float32_values_within_a_tenth()
    {
        var env = new Acrobot();
        var observation = new float[6];
        for (ulong seed = 0; seed < 50; seed++)
        {
            env.Reset(observation, seed);
            foreach (var value in env.GetState())
            {
                Assert.InRange(value, -0.1, 0.1);
                Assert.Equal((double)(float)value, value);
            }
        }
    }
}
