using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.ClassicControl;

/// <summary>
/// MountainCar-v0 (Moore 1990) as Gymnasium defines it: accelerate left (0), not at all (1) or right (2) to drive
/// an underpowered car out of a valley to position 0.5. Reward -1 per step. The left wall is inelastic: reaching
/// it with negative velocity stops the car. State: position, velocity.
/// </summary>
public sealed class MountainCar : ClassicControlEnvironment
{
    public const double MinPosition = MountainCarTrack.MinPosition;
    public const double MaxPosition = MountainCarTrack.MaxPosition;
    public const double MaxSpeed = MountainCarTrack.MaxSpeed;
    public const double GoalPosition = 0.5;
    public const double GoalVelocity = 0.0;
    public const double Force = 0.001;
    public const double Gravity = MountainCarTrack.Gravity;

    private double position, velocity;

    public MountainCar()
        : base("MountainCar-v0",
            new BoxSpace([(float)MinPosition, -(float)MaxSpeed], [(float)MaxPosition, (float)MaxSpeed], [2], ElementType.Float32),
            new DiscreteSpace(3))
    {
    }

    public override int StateSize => 2;

    protected override void LoadState(ReadOnlySpan<double> state) => (position, velocity) = (state[0], state[1]);

    protected override void StoreState(Span<double> state)
    {
        state[0] = position;
        state[1] = velocity;
    }

    protected override void SampleInitialState(Xoshiro256 random)
    {
        position = random.Uniform(-0.6, -0.4);
        velocity = 0.0;
    }

    protected override void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)position;
        observation[1] = (float)velocity;
    }

    protected override StepResult Advance(int action)
    {
        velocity += (action - 1) * Force + Math.Cos(3 * position) * -Gravity;
        velocity = Math.Clamp(velocity, -MaxSpeed, MaxSpeed);
        position += velocity;
        position = Math.Clamp(position, MinPosition, MaxPosition);
        if (position == MinPosition && velocity < 0)
            velocity = 0;

        var terminated = position >= GoalPosition && velocity >= GoalVelocity;
        return new StepResult(-1.0, terminated, false);
    }

    public override RgbFrame Render() => MountainCarTrack.Render(position, GoalPosition);
}
