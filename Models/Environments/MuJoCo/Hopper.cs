namespace A3C.Models.Environments.MuJoCo;

/// <summary>
/// Hopper-v5 as Gymnasium 1.0 defines it, on our <c>hopper.xml</c>: frame skip 4 (dt 0.008 s), reward
/// = forward velocity + 1 while healthy - 1e-3 |a|^2, terminated when unhealthy. Healthy: every entry of
/// (qpos[2:], qvel) strictly inside (-100, 100), torso height qpos[1] above 0.7 and torso angle qpos[2] inside
/// (-0.2, 0.2). Observation (11): qpos[1:] (x excluded), then qvel clipped to [-10, 10]. Reset: qpos0 and zero
/// velocities plus uniform noise in [-5e-3, 5e-3].
/// </summary>
public sealed class Hopper : MuJoCoEnvironment
{
    public const int FrameSkipCount = 4;
    public const double ForwardRewardWeight = 1.0;
    public const double CtrlCostWeight = 1e-3;
    public const double HealthyReward = 1.0;
    public const double MinHealthyZ = 0.7;
    public const double MaxHealthyAngle = 0.2;
    public const double MaxHealthyState = 100.0;
    public const double ResetNoiseScale = 5e-3;
    public const double MaxObservedVelocity = 10.0;

    private static readonly Lazy<MuJoCoModel> SharedModel = new(() =>
    {
        var model = MuJoCoModel.FromResource("hopper.xml");
        model.Require("Hopper-v5", nq: 6, nv: 6, nu: 3);
        return model;
    });

    public Hopper()
        : base("Hopper-v5", SharedModel.Value, FrameSkipCount, observationSize: 11)
    {
    }

    /// <summary>The model every Hopper shares.</summary>
    public static MuJoCoModel Model => SharedModel.Value;

    /// <summary>Gymnasium's <c>is_healthy</c> for the current state.</summary>
    public bool IsHealthy
    {
        get
        {
            var qpos = Simulation.Qpos;
            var qvel = Simulation.Qvel;
            for (var i = 2; i < qpos.Length; i++)
            {
                if (!(qpos[i] > -MaxHealthyState && qpos[i] < MaxHealthyState))
                    return false;
            }
            foreach (var v in qvel)
            {
                if (!(v > -MaxHealthyState && v < MaxHealthyState))
                    return false;
            }
            var z = qpos[1];
            var angle = qpos[2];
            return z > MinHealthyZ && angle > -MaxHealthyAngle && angle < MaxHealthyAngle;
        }
    }

    protected override void AddResetNoise(Xoshiro256 random, Span<double> qpos, Span<double> qvel)
    {
        for (var i = 0; i < qpos.Length; i++)
            qpos[i] += random.Uniform(-ResetNoiseScale, ResetNoiseScale);
        for (var i = 0; i < qvel.Length; i++)
            qvel[i] += random.Uniform(-ResetNoiseScale, ResetNoiseScale);
    }

    protected override void WriteObservation(Span<float> observation)
    {
        var qpos = Simulation.Qpos;
        var qvel = Simulation.Qvel;
        for (var i = 1; i < qpos.Length; i++)
            observation[i - 1] = (float)qpos[i];
        for (var i = 0; i < qvel.Length; i++)
            observation[qpos.Length - 1 + i] = (float)Math.Clamp(qvel[i], -MaxObservedVelocity, MaxObservedVelocity);
    }

    protected override StepResult Score(double xVelocity, double controlSquared)
    {
        var healthy = IsHealthy;
        var rewards = ForwardRewardWeight * xVelocity + (healthy ? HealthyReward : 0.0);
        var costs = CtrlCostWeight * controlSquared;
        return new StepResult(rewards - costs, Terminated: !healthy, Truncated: false);
    }
}
