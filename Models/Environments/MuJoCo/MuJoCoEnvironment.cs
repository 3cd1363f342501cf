using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.MuJoCo;

/// <summary>
/// Gymnasium's <c>MujocoEnv</c> for planar locomotion: a shared <see cref="MuJoCoModel"/>, one
/// <see cref="MuJoCoSimulation"/> per environment, the action written to <c>ctrl</c> and <see cref="FrameSkip"/>
/// physics steps per environment step. Reset noise is drawn from the environment's own <see cref="Xoshiro256"/>.
/// Observations are float32 (Gymnasium's are float64).
/// </summary>
public abstract class MuJoCoEnvironment : IEnvironment<float>, IDisposable
{
    private Xoshiro256? random;
    private bool hasBeenReset;

    protected MuJoCoEnvironment(string id, MuJoCoModel model, int frameSkip, int observationSize)
    {
        Id = id;
        FrameSkip = frameSkip;
        Simulation = new MuJoCoSimulation(model);
        ObservationSpace = BoxSpace.Uniform(float.NegativeInfinity, float.PositiveInfinity, [observationSize], ElementType.Float32);
        var range = model.ActuatorCtrlRange;
        var low = new float[model.Nu];
        var high = new float[model.Nu];
        for (var i = 0; i < model.Nu; i++)
            (low[i], high[i]) = ((float)range[2 * i], (float)range[2 * i + 1]);
        ActionSpace = new BoxSpace(low, high, [model.Nu], ElementType.Float32);
    }

    public string Id { get; }

    public BoxSpace ObservationSpace { get; }

    public Space ActionSpace { get; }

    /// <summary>Physics steps per environment step.</summary>
    public int FrameSkip { get; }

    /// <summary>Seconds per environment step: the model's timestep times <see cref="FrameSkip"/> (Gymnasium's <c>dt</c>).</summary>
    public double Dt => Simulation.Model.Timestep * FrameSkip;

    /// <summary>The MuJoCo state, for tests and rendering; change it through <see cref="SetState"/>.</summary>
    public MuJoCoSimulation Simulation { get; }

    public void Reset(Span<float> observation, ulong? seed = null)
    {
        CheckBuffer(observation);
        if (seed is { } value)
            random = new Xoshiro256(value);
        random ??= Xoshiro256.FromEntropy();
        Simulation.Reset();
        AddResetNoise(random, Simulation.Qpos, Simulation.Qvel);
        Simulation.Forward();
        hasBeenReset = true;
        WriteObservation(observation);
    }

    /// <summary>
    /// Sets qpos and qvel exactly and recomputes the derived quantities, as Gymnasium's <c>set_state</c>. It does not
    /// start an episode: call <see cref="Reset"/> first.
    /// </summary>
    public void SetState(ReadOnlySpan<double> qpos, ReadOnlySpan<double> qvel)
    {
        if (qpos.Length != Simulation.Model.Nq || qvel.Length != Simulation.Model.Nv)
            throw new ArgumentException($"{Id}: the state is qpos ({Simulation.Model.Nq}) and qvel ({Simulation.Model.Nv}); got {qpos.Length} and {qvel.Length}.");
        qpos.CopyTo(Simulation.Qpos);
        qvel.CopyTo(Simulation.Qvel);
        Simulation.Forward();
    }

    /// <summary>Writes the observation of the current state, e.g. after <see cref="SetState"/>.</summary>
    public void Observe(Span<float> observation)
    {
        CheckBuffer(observation);
        WriteObservation(observation);
    }

    public StepResult Step(int action, Span<float> observation)
    {
        if (!hasBeenReset)
            throw EnvironmentErrors.StepBeforeReset(Id);
        throw EnvironmentErrors.DiscreteGivenToBox(Id, action, ActionSpace);
    }

    /// <summary>
    /// Steps with a continuous action. Values beyond the control range are clamped by MuJoCo (the actuators are
    /// ctrllimited) while the control cost uses the action as given, as in Gymnasium; NaN or infinities are rejected.
    /// </summary>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        if (!hasBeenReset)
            throw EnvironmentErrors.StepBeforeReset(Id);
        EnvironmentErrors.RequireFiniteOfSize(Id, action, ActionSpace);
        CheckBuffer(observation);

        var xBefore = Simulation.Qpos[0];
        var ctrl = Simulation.Ctrl;
        var controlSquared = 0.0;
        for (var i = 0; i < action.Length; i++)
        {
            ctrl[i] = action[i];
            controlSquared += (double)action[i] * action[i];
        }
        Simulation.Step(FrameSkip);
        var xVelocity = (Simulation.Qpos[0] - xBefore) / Dt;
        var result = Score(xVelocity, controlSquared);
        WriteObservation(observation);
        return result;
    }

    public RgbFrame Render() => MuJoCoRenderer.SideView(Simulation, trackedBody: 1);

    public void Dispose()
    {
        Simulation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Adds Gymnasium's reset noise to qpos (which holds qpos0) and qvel (zeros).</summary>
    protected abstract void AddResetNoise(Xoshiro256 random, Span<double> qpos, Span<double> qvel);

    protected abstract void WriteObservation(Span<float> observation);

    /// <summary>Reward and termination of the step just taken, from the x velocity over <see cref="Dt"/> and the sum of squared actions.</summary>
    protected abstract StepResult Score(double xVelocity, double controlSquared);

    /// <summary>A standard normal draw (Box-Muller), for noise Gymnasium draws with <c>standard_normal</c>.</summary>
    protected static double StandardNormal(Xoshiro256 random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    private void CheckBuffer(Span<float> observation)
    {
        if (observation.Length != ObservationSpace.Size)
            throw EnvironmentErrors.WrongObservationBuffer(Id, observation.Length, ObservationSpace);
    }
}
