using A3C.Models.Environments;
using A3C.Models.Environments.MuJoCo;

namespace A3C.Models.Tests.Environments;

/// <summary>
/// Hopper-v5 (Gymnasium 1.0): reward = (x' - x) / dt + 1 if healthy - 1e-3 |a|^2 with dt = 4 x 0.002 s;
/// terminated when unhealthy: healthy means qpos[2:] and qvel strictly inside (-100, 100), z = qpos[1] > 0.7 and
/// angle = qpos[2] inside (-0.2, 0.2). Observation: qpos[1:], then qvel clipped to [-10, 10].
/// </summary>
public class HopperTests
{
    private static readonly double[] Standing = [0, 1.25, 0, 0, 0, 0];
    private static readonly double[] Still = [0, 0, 0, 0, 0, 0];

    private static (Hopper Env, float[] Observation) Started(ulong seed = 0)
    {
        var env = new Hopper();
        var observation = new float[env.ObservationSpace.Size];
        env.Reset(observation, seed);
        return (env, observation);
    }

    // A capsule of radius r and cylinder length l at 1000 kg/m^3: a cylinder and two half-spheres.
    private static double Capsule(double radius, double length) =>
        1000 * (Math.PI * radius * radius * length + 4.0 / 3.0 * Math.PI * radius * radius * radius);

    [Fact]
    public void Model_has_the_published_sizes_gears_timestep_and_masses()
    {
        var model = Hopper.Model;
        Assert.Equal((6, 6, 3, 5), (model.Nq, model.Nv, model.Nu, model.Nbody));
        Assert.Equal(0.002, model.Timestep);
        Assert.Equal([0, 1.25, 0, 0, 0, 0], model.Qpos0.ToArray());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, model.ActuatorGear[6 * i]);
            Assert.Equal((-1.0, 1.0), (model.ActuatorCtrlRange[2 * i], model.ActuatorCtrlRange[2 * i + 1]));
        }

        // Published capsules: torso r 0.05 from z 1.45 to 1.05, thigh r 0.05 from 1.05 to 0.6, leg r 0.04 from 0.6
        // to 0.1, foot r 0.06 from x -0.13 to 0.26 at z 0.1.
        double[] expected = [Capsule(0.05, 0.4), Capsule(0.05, 0.45), Capsule(0.04, 0.5), Capsule(0.06, 0.39)];
        for (var body = 1; body <= 4; body++)
            Assert.InRange(model.BodyMass[body], expected[body - 1] * 0.99, expected[body - 1] * 1.01);
        Assert.InRange(model.TotalMass, expected.Sum() * 0.99, expected.Sum() * 1.01);
        Assert.InRange(model.TotalMass, 15.7, 15.9);
    }

    [Fact]
    public void Joints_sit_at_the_published_heights_in_the_reference_pose()
    {
        var (env, _) = Started();
        env.SetState(Standing, Still);
        var xpos = env.Simulation.BodyPosition;
        // Body frames (world, torso, thigh, leg, foot) at the rooty, hip, knee and ankle heights.
        Assert.Equal(1.25, xpos[1 * 3 + 2], 1e-12);
        Assert.Equal(1.05, xpos[2 * 3 + 2], 1e-12);
        Assert.Equal(0.6, xpos[3 * 3 + 2], 1e-12);
        Assert.Equal(0.1, xpos[4 * 3 + 2], 1e-12);
        Assert.Equal(0.008, env.Dt, 1e-15);
    }

    [Fact]
    public void With_zero_control_the_hopper_falls_and_the_healthy_rules_end_the_episode()
    {
        var (env, observation) = Started(5);
        var zero = new float[3];
        StepResult result = default;
        var steps = 0;
        while (!result.Terminated && steps < 1000)
        {
            var xBefore = env.Simulation.Qpos[0];
            result = env.Step(zero, observation);
            steps++;
            var forward = (env.Simulation.Qpos[0] - xBefore) / env.Dt;
            // The healthy reward is paid on healthy steps only (v5).
            Assert.Equal(forward + (result.Terminated ? 0 : 1), result.Reward, 1e-9);
        }
        Assert.True(result.Terminated, "the hopper never fell");
        Assert.False(result.Truncated);
        Assert.InRange(steps, 20, 300);
        Assert.False(env.IsHealthy);
        var z = env.Simulation.Qpos[1];
        var angle = env.Simulation.Qpos[2];
        Assert.True(z <= 0.7 || Math.Abs(angle) >= 0.2, $"terminated at z {z}, angle {angle}");
    }

    [Fact]
    public void Reward_is_forward_velocity_plus_healthy_reward_minus_control_cost()
    {
        var (env, observation) = Started(1);
        float[] action = [0.3f, -0.5f, 0.8f];
        var xBefore = env.Simulation.Qpos[0];
        var result = env.Step(action, observation);
        var xAfter = env.Simulation.Qpos[0];
        var control = 1e-3 * action.Sum(a => (double)a * a);
        Assert.Equal((xAfter - xBefore) / 0.008 + 1.0 - control, result.Reward, 1e-12);
        Assert.False(result.Terminated);
        Assert.Equal(action.Select(a => (double)a), env.Simulation.Ctrl.ToArray());
    }

    [Fact]
    public void Control_cost_uses_the_action_as_given_while_MuJoCo_clamps_the_torque()
    {
        var (a, observationA) = Started(2);
        var (b, observationB) = Started(2);
        var clipped = a.Step([1f, -1f, 1f], observationA);
        var beyond = b.Step([3f, -2f, 1f], observationB);
        Assert.Equal(observationA, observationB);
        Assert.Equal(clipped.Reward - 1e-3 * (9 + 4 + 1 - 3), beyond.Reward, 1e-12);
    }

    [Fact]
    public void Observation_is_qpos_without_x_then_qvel_clipped_to_ten()
    {
        var (env, observation) = Started();
        Assert.Equal(env.Simulation.Model.Nq - 1 + env.Simulation.Model.Nv, observation.Length);
        env.SetState([5, 1.2, 0.1, -0.3, -0.4, 0.2], [1, 2, 15, -20, 3, -4]);
        env.Observe(observation);
        Assert.Equal([1.2f, 0.1f, -0.3f, -0.4f, 0.2f, 1f, 2f, 10f, -10f, 3f, -4f], observation);
        Assert.Equal("Box(-inf, inf, (11,), float32)", env.ObservationSpace.ToString());
        Assert.Equal("Box(-1.0, 1.0, (3,), float32)", env.ActionSpace.ToString());
    }

    [Theory]
    [InlineData(1.25, 0.0, 0.0, true)]
    [InlineData(0.7, 0.0, 0.0, false)]       // z must exceed 0.7
    [InlineData(0.7001, 0.0, 0.0, true)]
    [InlineData(1.25, 0.2, 0.0, false)]      // angle strictly inside (-0.2, 0.2)
    [InlineData(1.25, -0.2, 0.0, false)]
    [InlineData(1.25, 0.199, 0.0, true)]
    [InlineData(1.25, 0.0, 100.0, false)]    // every velocity, x velocity included, strictly inside (-100, 100)
    [InlineData(1.25, 0.0, -100.0, false)]
    [InlineData(1.25, 0.0, 99.9, true)]
    public void Healthy_rules_on_staged_states(double z, double angle, double xVelocity, bool healthy)
    {
        var (env, _) = Started();
        env.SetState([1000, z, angle, 0, 0, 0], [xVelocity, 0, 0, 0, 0, 0]);
        Assert.Equal(healthy, env.IsHealthy);
    }

    [Fact]
    public void Joint_velocities_and_angles_count_in_the_state_range_but_x_and_z_positions_do_not()
    {
        var (env, _) = Started();
        env.SetState([-500, 1.25, 0, 0, 0, 0], Still);
        Assert.True(env.IsHealthy);
        env.SetState([0, 150, 0, 0, 0, 0], Still);
        Assert.True(env.IsHealthy);
        env.SetState(Standing, [0, 0, 0, 0, 0, 120]);
        Assert.False(env.IsHealthy);
        env.SetState([0, 1.25, 0, 0, 0, -101], Still);
        Assert.False(env.IsHealthy);
    }

    [Theory]
    [InlineData(0.5, 0.0, 0.0)]   // too low
    [InlineData(1.25, 0.35, 0.0)] // leaning forward
    [InlineData(1.25, -0.35, 0.0)]
    [InlineData(1.25, 0.0, 400.0)] // x velocity beyond the state range
    public void A_staged_unhealthy_state_terminates_the_next_step_without_the_healthy_reward(double z, double angle, double xVelocity)
    {
        var (env, observation) = Started();
        env.SetState([0, z, angle, -0.3, -0.3, 0], [xVelocity, 0, 0, 0, 0, 0]);
        var xBefore = env.Simulation.Qpos[0];
        var result = env.Step([0f, 0f, 0f], observation);
        Assert.True(result.Terminated);
        Assert.Equal((env.Simulation.Qpos[0] - xBefore) / env.Dt, result.Reward, 1e-9);
    }

    [Fact]
    public void In_free_flight_the_horizontal_velocity_is_kept_and_the_fall_is_ballistic()
    {
        var (env, observation) = Started();
        // High above the floor, joints away from their limits and at rest: only gravity acts, on every body alike.
        env.SetState([0, 10, 0.1, -0.3, -0.3, 0], [1.5, 0, 0, 0, 0, 0]);
        const int steps = 50;
        for (var i = 0; i < steps; i++)
            env.Step([0f, 0f, 0f], observation);
        var t = steps * env.Dt;
        Assert.Equal(1.5, env.Simulation.Qvel[0], 1e-9);
        Assert.Equal(1.5 * t, env.Simulation.Qpos[0], 1e-9);
        Assert.Equal(10 - 0.5 * 9.81 * t * t, env.Simulation.Qpos[1], 1e-9);
        Assert.Equal(-9.81 * t, env.Simulation.Qvel[1], 1e-9);
        Assert.Equal(t, env.Simulation.Time, 1e-12);
    }

    [Fact]
    public void Reset_adds_uniform_noise_of_five_thousandths_to_qpos0_and_zero_velocities()
    {
        var env = new Hopper();
        var observation = new float[11];
        var spread = 0.0;
        for (ulong seed = 0; seed < 20; seed++)
        {
            env.Reset(observation, seed);
            var qpos = env.Simulation.Qpos;
            var qvel = env.Simulation.Qvel;
            for (var i = 0; i < 6; i++)
            {
                Assert.InRange(qpos[i] - Standing[i], -5e-3, 5e-3);
                Assert.InRange(qvel[i], -5e-3, 5e-3);
                spread = Math.Max(spread, Math.Abs(qvel[i]));
            }
            Assert.Equal(0.0, env.Simulation.Time);
        }
        Assert.True(spread > 4e-3);
    }

    [Fact]
    public void Same_seed_gives_the_same_trajectory_and_another_seed_another()
    {
        Assert.Equal(Rollout(11), Rollout(11));
        Assert.NotEqual(Rollout(11), Rollout(12));
    }

    private static List<double> Rollout(ulong seed)
    {
        var env = EnvironmentRegistry.Standard.Make<float>("Hopper-v5");
        var observation = new float[11];
        var policy = new Xoshiro256(3);
        var action = new float[3];
        var trace = new List<double>();
        env.Reset(observation, seed);
        for (var i = 0; i < 300; i++)
        {
            for (var j = 0; j < 3; j++)
                action[j] = (float)policy.Uniform(-1, 1);
            var result = env.Step(action, observation);
            trace.AddRange(observation.Select(o => (double)o));
            trace.Add(result.Reward);
            if (result.Done)
                env.Reset(observation);
        }
        return trace;
    }

    [Theory]
    [InlineData(new[] { 0f, 0f })]
    [InlineData(new[] { 0f, 0f, 0f, 0f })]
    [InlineData(new[] { 0f, float.NaN, 0f })]
    [InlineData(new[] { float.PositiveInfinity, 0f, 0f })]
    public void Bad_actions_are_rejected_naming_the_environment(float[] action)
    {
        var (env, observation) = Started();
        var error = Assert.Throws<ArgumentException>(() => env.Step(action, observation));
        Assert.Contains("Hopper-v5", error.Message);
        Assert.Throws<ArgumentException>(() => env.Step(1, observation));
        Assert.Throws<ArgumentException>(() => env.Step([0f, 0f, 0f], new float[10]));
    }

    [Fact]
    public void Stepping_before_reset_throws()
    {
        var env = new Hopper();
        var error = Assert.Throws<InvalidOperationException>(() => env.Step([0f, 0f, 0f], new float[11]));
        Assert.Contains("Hopper-v5", error.Message);
    }

    [Fact]
    public void Registry_makes_it_with_a_thousand_step_limit_and_vectorises_it()
    {
        Assert.Equal(1000, EnvironmentRegistry.Standard.Spec("Hopper-v5").MaxEpisodeSteps);
        var vector = EnvironmentRegistry.Standard.MakeVector<float>("Hopper-v5", 3);
        vector.Reset(7);
        var actions = new float[9];
        var finished = 0;
        for (var i = 0; i < 300; i++)
        {
            vector.Step(actions);
            finished += vector.FinishedEpisodes.Count;
        }
        Assert.Equal(33, vector.Observations.Length);
        // Without control every copy falls within 300 steps and is reset in the same step.
        Assert.True(finished >= 3, $"{finished} episodes finished");
    }

    [Fact]
    public void Renders_the_hopper_above_the_floor_where_the_torso_is()
    {
        var (env, _) = Started();
        env.SetState(Standing, Still);
        var frame = env.Render();
        Assert.Equal((480, 480), (frame.Width, frame.Height));
        // The torso (x 0, z 1.05 to 1.45) is centred horizontally; 160 px per metre, floor at row 400.
        var torso = frame[240, (int)(400 - 1.25 * 160)];
        var sky = frame[60, (int)(400 - 1.25 * 160)];
        Assert.NotEqual(sky, torso);
        Assert.Equal(new A3C.Models.Environments.Rendering.Rgb(204, 153, 102), torso);
    }
}
