using A3C.Models.Environments;
using A3C.Models.Environments.MuJoCo;

namespace A3C.Models.Tests.Environments;

/// <summary>
/// HalfCheetah-v5 (Gymnasium 1.0): reward = (x' - x) / dt - 0.1 |a|^2 with dt = 5 x 0.01 s, no termination;
/// observation qpos[1:] then qvel (17); reset noise uniform 0.1 on qpos and 0.1 standard normal on qvel.
/// </summary>
public class HalfCheetahTests
{
    private static (HalfCheetah Env, float[] Observation) Started(ulong seed = 0)
    {
        var env = new HalfCheetah();
        var observation = new float[env.ObservationSpace.Size];
        env.Reset(observation, seed);
        return (env, observation);
    }

    private static double Capsule(double radius, double length) =>
        Math.PI * radius * radius * length + 4.0 / 3.0 * Math.PI * radius * radius * radius;

    [Fact]
    public void Model_has_the_published_sizes_gears_timestep_and_mass_distribution()
    {
        var model = HalfCheetah.Model;
        Assert.Equal((9, 9, 6, 8), (model.Nq, model.Nv, model.Nu, model.Nbody));
        Assert.Equal(0.01, model.Timestep);
        Assert.Equal(new double[9], model.Qpos0.ToArray());
        double[] gears = [120, 90, 60, 120, 60, 30];
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(gears[i], model.ActuatorGear[6 * i]);
            Assert.Equal((-1.0, 1.0), (model.ActuatorCtrlRange[2 * i], model.ActuatorCtrlRange[2 * i + 1]));
        }

        // All capsules have radius 0.046; cylinder lengths: torso 1.0 plus head 0.3, back thigh 0.29, shin 0.3,
        // foot 0.188, front thigh 0.266, shin 0.212, foot 0.14. settotalmass scales the volumes to 14 kg.
        const double r = 0.046;
        double[] volumes =
        [
            Capsule(r, 1.0) + Capsule(r, 0.3), Capsule(r, 0.29), Capsule(r, 0.3), Capsule(r, 0.188),
            Capsule(r, 0.266), Capsule(r, 0.212), Capsule(r, 0.14),
        ];
        var density = 14 / volumes.Sum();
        for (var body = 1; body < 8; body++)
            Assert.InRange(model.BodyMass[body], volumes[body - 1] * density * 0.99, volumes[body - 1] * density * 1.01);
        Assert.Equal(14, model.TotalMass, 9);
        Assert.Equal(0.05, new HalfCheetah().Dt, 15);
    }

    [Fact]
    public void Reward_is_forward_velocity_minus_a_tenth_of_the_squared_action()
    {
        var (env, observation) = Started(1);
        float[] action = [0.5f, -0.25f, 1f, -1f, 0.75f, 0.1f];
        for (var i = 0; i < 3; i++)
        {
            var xBefore = env.Simulation.Qpos[0];
            var result = env.Step(action, observation);
            var expected = (env.Simulation.Qpos[0] - xBefore) / 0.05 - 0.1 * action.Sum(a => (double)a * a);
            Assert.Equal(expected, result.Reward, 1e-12);
            Assert.False(result.Terminated);
        }
    }

    [Fact]
    public void Observation_is_qpos_without_x_then_unclipped_qvel()
    {
        var (env, observation) = Started();
        Assert.Equal(env.Simulation.Model.Nq - 1 + env.Simulation.Model.Nv, observation.Length);
        double[] qpos = [7, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
        double[] qvel = [15, -20, 1, 2, 3, 4, 5, 6, 7];
        env.SetState(qpos, qvel);
        env.Observe(observation);
        Assert.Equal(qpos[1..].Concat(qvel).Select(v => (float)v).ToArray(), observation);
        Assert.Equal("Box(-1.0, 1.0, (6,), float32)", env.ActionSpace.ToString());
    }

    [Fact]
    public void It_never_terminates_even_upside_down()
    {
        var (env, observation) = Started();
        env.SetState([0, 0.5, Math.PI, 0, 0, 0, 0, 0, 0], new double[9]);
        for (var i = 0; i < 100; i++)
            Assert.False(env.Step(new float[6], observation).Done);
    }

    [Fact]
    public void Dropped_with_zero_control_it_comes_to_rest_on_the_floor()
    {
        var (env, observation) = Started(3);
        var zero = new float[6];
        for (var i = 0; i < 200; i++)
            env.Step(zero, observation);
        var qvel = env.Simulation.Qvel;
        foreach (var v in qvel)
            Assert.InRange(v, -0.01, 0.01);
        Assert.True(env.Simulation.ContactCount > 0);
        // Resting on its feet: the torso stays near its starting height, the body roughly level.
        Assert.InRange(env.Simulation.Qpos[1], -0.3, 0.1);
        Assert.InRange(env.Simulation.Qpos[2], -0.5, 0.5);
        // And it stays put: the reward of a still step is the control cost alone, here zero.
        Assert.Equal(0, env.Step(zero, observation).Reward, 0.1);
    }

    [Fact]
    public void Reset_noise_is_uniform_on_qpos_and_normal_on_qvel()
    {
        var env = new HalfCheetah();
        var observation = new float[17];
        var velocities = new List<double>();
        for (ulong seed = 0; seed < 300; seed++)
        {
            env.Reset(observation, seed);
            foreach (var q in env.Simulation.Qpos)
                Assert.InRange(q, -0.1, 0.1);
            velocities.AddRange(env.Simulation.Qvel.ToArray());
        }
        var mean = velocities.Average();
        var sd = Math.Sqrt(velocities.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(sd, 0.095, 0.105);
        Assert.Contains(velocities, v => Math.Abs(v) > 0.2);
    }

    [Fact]
    public void Same_seed_gives_the_same_trajectory_and_another_seed_another()
    {
        Assert.Equal(Rollout(21), Rollout(21));
        Assert.NotEqual(Rollout(21), Rollout(22));
    }

    private static List<float> Rollout(ulong seed)
    {
        var env = EnvironmentRegistry.Standard.Make<float>("HalfCheetah-v5");
        var observation = new float[17];
        var policy = new Xoshiro256(3);
        var action = new float[6];
        var trace = new List<float>();
        env.Reset(observation, seed);
        trace.AddRange(observation);
        for (var i = 0; i < 200; i++)
        {
            for (var j = 0; j < 6; j++)
                action[j] = (float)policy.Uniform(-1, 1);
            var result = env.Step(action, observation);
            trace.AddRange(observation);
            trace.Add((float)result.Reward);
        }
        return trace;
    }

    [Fact]
    public void The_time_limit_truncates_at_a_thousand_steps()
    {
        var env = EnvironmentRegistry.Standard.Make<float>("HalfCheetah-v5");
        var observation = new float[17];
        env.Reset(observation, 0);
        StepResult result = default;
        for (var i = 0; i < 1000; i++)
        {
            Assert.False(result.Done);
            result = env.Step(new float[6], observation);
        }
        Assert.True(result.Truncated);
        Assert.False(result.Terminated);
        Assert.Equal(1000, result.Episode!.Value.Length);
    }

    [Theory]
    [InlineData(new[] { 0f, 0f, 0f })]
    [InlineData(new[] { 0f, 0f, 0f, 0f, 0f, float.NaN })]
    public void Bad_actions_are_rejected_naming_the_environment(float[] action)
    {
        var (env, observation) = Started();
        var error = Assert.Throws<ArgumentException>(() => env.Step(action, observation));
        Assert.Contains("HalfCheetah-v5", error.Message);
    }

    [Fact]
    public void Stepping_before_reset_throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new HalfCheetah().Step(new float[6], new float[17]));
        Assert.Contains("HalfCheetah-v5", error.Message);
    }

    [Fact]
    public void Renders_to_a_gif_through_the_recorder()
    {
        var (env, observation) = Started();
        var recorder = new A3C.Models.Environments.Rendering.EpisodeRecorder();
        for (var i = 0; i < 3; i++)
        {
            recorder.Capture(env);
            env.Step([1f, -1f, 1f, -1f, 1f, -1f], observation);
        }
        var path = Path.Combine(Path.GetTempPath(), $"cheetah-{Guid.NewGuid():N}.gif");
        try
        {
            recorder.SaveGif(path);
            Assert.True(new FileInfo(path).Length > 100);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
