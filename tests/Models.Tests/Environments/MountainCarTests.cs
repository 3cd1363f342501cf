using A3C.Models.Environments.ClassicControl;

namespace A3C.Models.Tests.Environments;

/// <summary>velocity += (action - 1) * 0.001 - 0.0025 cos(3 position), clipped to 0.07; position += velocity, clipped to [-1.2, 0.6].</summary>
public class MountainCarTests
{
    private static (MountainCar Env, float[] Observation) At(double position, double velocity)
    {
        var env = new MountainCar();
        var observation = new float[2];
        env.Reset(observation, 0);
        env.SetState([position, velocity]);
        return (env, observation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void One_step_follows_the_update(int action)
    {
        var (env, observation) = At(-0.5, 0.01);
        var velocity = 0.01 + (action - 1) * 0.001 - 0.0025 * Math.Cos(3 * -0.5);
        var position = -0.5 + velocity;
        var result = env.Step(action, observation);
        Assert.Equal(-1.0, result.Reward);
        Assert.False(result.Terminated);
        Assert.Equal(position, env.GetState()[0], 1e-15);
        Assert.Equal(velocity, env.GetState()[1], 1e-15);
        Assert.Equal((float)position, observation[0]);
        Assert.Equal((float)velocity, observation[1]);
    }

    [Fact]
    public void Velocity_is_clipped_to_the_maximum_speed()
    {
        // At -pi/6 gravity vanishes: 0.0695 + 0.001 = 0.0705 is clipped to 0.07.
        var (env, observation) = At(-Math.PI / 6, 0.0695);
        env.Step(2, observation);
        Assert.Equal(0.07, env.GetState()[1]);
        Assert.Equal(-Math.PI / 6 + 0.07, env.GetState()[0], 1e-15);
    }

    [Fact]
    public void Hitting_the_left_wall_stops_the_car()
    {
        // velocity = -0.05 - 0.001 - 0.0025 cos(-3.57) = -0.0487..., position -1.2387... is clipped to -1.2.
        var (env, observation) = At(-1.19, -0.05);
        env.Step(0, observation);
        Assert.Equal(-1.2, env.GetState()[0]);
        Assert.Equal(0.0, env.GetState()[1]);
    }

    [Fact]
    public void Reaching_the_flag_terminates()
    {
        // velocity = 0.02 - 0.0025 cos(1.47) = 0.01975..., position = 0.50975... >= 0.5.
        var (env, observation) = At(0.49, 0.02);
        var result = env.Step(1, observation);
        Assert.True(result.Terminated);
        Assert.Equal(-1.0, result.Reward);
    }

    [Fact]
    public void Reset_starts_between_minus_six_and_minus_four_tenths_at_rest()
    {
        var env = new MountainCar();
        var observation = new float[2];
        for (ulong seed = 0; seed < 50; seed++)
        {
            env.Reset(observation, seed);
            Assert.InRange(observation[0], -0.6f, -0.4f);
            Assert.Equal(0f, observation[1]);
        }
    }

    [Fact]
    public void Continuous_variant_clips_the_force_but_charges_the_requested_action()
    {
        var env = new MountainCarContinuous();
        var observation = new float[2];
        env.Reset(observation, 0);
        env.SetState([-0.5, 0.0]);
        var result = env.Step([2.0f], observation);
        // Force clipped to 1: velocity = 1 * 0.0015 - 0.0025 cos(-1.5); reward = -0.1 * 2^2. The state is stored as float32.
        var velocity = 0.0015 - 0.0025 * Math.Cos(-1.5);
        Assert.Equal((float)velocity, env.GetState()[1]);
        Assert.Equal((float)(-0.5 + velocity), env.GetState()[0]);
        Assert.Equal(-0.4, result.Reward, 1e-12);
    }

    [Fact]
    public void Continuous_variant_stores_its_state_as_float32_after_each_step_like_gymnasium()
    {
        var env = new MountainCarContinuous();
        var observation = new float[2];
        env.Reset(observation, 0);
        // A float64 start, as Gymnasium's reset leaves it; 1.5 and -3 exercise the clipping of the force.
        const double start = -0.5234567890123;
        env.SetState([start, 0.0]);
        float[] actions = [1f, 1f, -0.3f, 1.5f, 0.7f, -1f, -3f, 0.25f];

        // Gymnasium 1.0's step written out: float64 arithmetic, then np.array([position, velocity], dtype=np.float32).
        double position = start, velocity = 0.0;
        double unroundedPosition = start, unroundedVelocity = 0.0;
        for (var step = 0; step < 120; step++)
        {
            double action = actions[step % actions.Length];
            (position, velocity) = ReferenceStep(position, velocity, action);
            (position, velocity) = ((float)position, (float)velocity);
            (unroundedPosition, unroundedVelocity) = ReferenceStep(unroundedPosition, unroundedVelocity, action);

            var result = env.Step([(float)action], observation);

            Assert.Equal([position, velocity], env.GetState());
            Assert.Equal([(float)position, (float)velocity], observation);
            Assert.False(result.Terminated);
        }
        // The rounding matters: a float64 state would have drifted away from Gymnasium's by now.
        Assert.NotEqual(unroundedPosition, position);

        static (double Position, double Velocity) ReferenceStep(double position, double velocity, double action)
        {
            var force = Math.Min(Math.Max(action, -1.0), 1.0);
            velocity += force * 0.0015 - 0.0025 * Math.Cos(3 * position);
            velocity = Math.Min(Math.Max(velocity, -0.07), 0.07);
            position = Math.Min(Math.Max(position + velocity, -1.2), 0.6);
            if (position == -1.2 && velocity < 0)
                velocity = 0;
            return (position, velocity);
        }
    }

    [Fact]
    public void Discrete_variant_keeps_its_state_in_float64_like_gymnasium()
    {
        // Gymnasium's MountainCar-v0 stores a tuple of float64s, so nothing is rounded between steps.
        var (env, observation) = At(-0.5234567890123, 0.0);
        env.Step(2, observation);
        var velocity = 0.001 - 0.0025 * Math.Cos(3 * -0.5234567890123);
        Assert.Equal([-0.5234567890123 + velocity, velocity], env.GetState());
        Assert.NotEqual((double)(float)velocity, velocity);
    }

    [Fact]
    public void Continuous_variant_pays_one_hundred_at_its_goal_of_0_45()
    {
        var env = new MountainCarContinuous();
        var observation = new float[2];
        env.Reset(observation, 0);
        env.SetState([0.44, 0.02]);
        // velocity = 0.02 + 0.5 * 0.0015 - 0.0025 cos(1.32) = 0.0201..., position = 0.4601... >= 0.45.
        var result = env.Step([0.5f], observation);
        Assert.True(result.Terminated);
        Assert.Equal(100 - 0.1 * 0.25, result.Reward, 1e-12);
    }
}
