namespace A3C.Models.Environments.ClassicControl;

/// <summary>
/// MountainCar-v0 (Moore 1990) as Gymnasium defines it: accelerate left (0), not at all (1) or right (2) to drive
/// an underpowered car out of a valley to position 0.5. Reward -1 per step. The left wall is inelastic: reaching
/// it with negative velocity stops the car. State: position, velocity.
/// </summary>
public sealed class MountainCar : MountainCarEnvironment
{
    public const double MinPosition = MountainCarTrack.MinPosition;
    public const double MaxPosition = MountainCarTrack.MaxPosition;
    public const double MaxSpeed = MountainCarTrack.MaxSpeed;
    public const double GoalPosition = 0.5;
    public const double Force = 0.001;
    public const double Gravity = MountainCarTrack.Gravity;

    public MountainCar()
        : base("MountainCar-v0", new DiscreteSpace(3), GoalPosition)
    {
    }

    protected override StepResult Advance(int action)
    {
        var terminated = Drive((action - 1) * Force);
        return new StepResult(-1.0, terminated, false);
    }
}
