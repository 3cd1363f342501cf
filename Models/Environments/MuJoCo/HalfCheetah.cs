namespace A3C.Models.Environments.MuJoCo;

/// <summary>
/// HalfCheetah-v5 as Gymnasium 1.0 defines it, on our <c>half_cheetah.xml</c>: frame skip 5 (dt 0.05 s), reward
/// = forward velocity - 0.1 |a|^2, never terminates (the time limit truncates). Observation (17): qpos[1:]
/// (x excluded), then qvel. Reset: qpos0 plus uniform noise in [-0.1, 0.1], velocities 0.1 times standard normal.
/// </summary>
public sealed class HalfCheetah : MuJoCoEnvironment
{
    public const int FrameSkipCount = 5;
    public const double ForwardRewardWeight = 1.0;
    public const double CtrlCostWeight = 0.1;
    public const double ResetNoiseScale = 0.1;

    private static readonly Lazy<MuJoCoModel> SharedModel = new(() =>
    {
        var model = MuJoCoModel.FromResource("half_cheetah.xml");
        model.Require("HalfCheetah-v5", nq: 9, nv: 9, nu: 6);
        return model;
    });

    public HalfCheetah()
        : base("HalfCheetah-v5", SharedModel.Value, FrameSkipCount, observationSize: 17)
    {
    }

    /// <summary>The model every HalfCheetah shares.</summary>
    public static MuJoCoModel Model => SharedModel.Value;

    protected override void AddResetNoise(Xoshiro256 random, Span<double> qpos, Span<double> qvel)
    {
        for (var i = 0; i < qpos.Length; i++)
            qpos[i] += random.Uniform(-ResetNoiseScale, ResetNoiseScale);
        for (var i = 0; i < qvel.Length; i++)
            qvel[i] += ResetNoiseScale * StandardNormal(random);
    }

    protected override void WriteObservation(Span<float> observation)
    {
        var qpos = Simulation.Qpos;
        var qvel = Simulation.Qvel;
        for (var i = 1; i < qpos.Length; i++)
            observation[i - 1] = (float)qpos[i];
        for (var i = 0; i < qvel.Length; i++)
            observation[qpos.Length - 1 + i] = (float)qvel[i];
    }

    protected override StepResult Score(double xVelocity, double controlSquared)
    {
        var reward = ForwardRewardWeight * xVelocity - CtrlCostWeight * controlSquared;
        return new StepResult(reward, Terminated: false, Truncated: false);
    }
}
