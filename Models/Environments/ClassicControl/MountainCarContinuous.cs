namespace A3C.Models.Environments.ClassicControl;

/// <summary>
/// MountainCarContinuous-v0 as Gymnasium defines it: a force in [-1, 1] (clipped) drives the car; reaching
/// position 0.45 pays +100, and every step costs 0.1 times the squared action as given (before clipping).
/// State: position, velocity; float64 after a reset, float32 after every step, as in Gymnasium.
/// </summary>
public sealed class MountainCarContinuous : MountainCarEnvironment
{
    public const double MinAction = -1.0;
    public const double MaxAction = 1.0;
    public const double MinPosition = MountainCarTrack.MinPosition;
    public const double MaxPosition = MountainCarTrack.MaxPosition;
    public const double MaxSpeed = MountainCarTrack.MaxSpeed;
    public const double GoalPosition = 0.45;
    public const double Power = 0.0015;

    public MountainCarContinuous()
        : base("MountainCarContinuous-v0", BoxSpace.Uniform((float)MinAction, (float)MaxAction, [1], ElementType.Float32), GoalPosition)
    {
    }

    protected override StepResult Advance(ReadOnlySpan<float> action)
    {
        double requested = action[0];
        var terminated = Drive(Math.Clamp(requested, MinAction, MaxAction) * Power);
        // Gymnasium 1.0 ends this step with self.state = np.array([position, velocity], dtype=np.float32) (termination
        // is judged before that), unlike MountainCar-v0, Pendulum, Acrobot and CartPole, which keep float64 states.
        // Without the rounding long episodes drift from Gymnasium's by a few 1e-6.
        RoundStateToFloat32();
        // The cost charges the action as given, before clipping, as Gymnasium does.
        var reward = (terminated ? 100.0 : 0.0) - requested * requested * 0.1;
        return new StepResult(reward, terminated, false);
    }
}
