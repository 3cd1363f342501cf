using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.ClassicControl;

/// <summary>
/// MountainCarContinuous-v0 as Gymnasium defines it: a force in [-1, 1] (clipped) drives the car; reaching
/// position 0.45 pays +100, and every step costs 0.1 times the squared action as given (before clipping).
/// State: position, velocity.
/// </summary>
public sealed class MountainCarContinuous : ClassicControlEnvironment
{
    public const double MinAction = -1.0;
    public const double MaxAction = 1.0;
    public const double MinPosition = MountainCarTrack.MinPosition;
    public const double MaxPosition = MountainCarTrack.MaxPosition;
    public const double MaxSpeed = MountainCarTrack.MaxSpeed;
    public const double GoalPosition = 0.45;
    public const double GoalVelocity = 0.0;
    public const double Power = 0.0015;

    private double position, velocity;

    public MountainCarContinuous()
        : base("MountainCarContinuous-v0",
            new BoxSpace([(float)MinPosition, -(float)MaxSpeed], [(float)MaxPosition, (float)MaxSpeed], [2], ElementType.Float32),
            BoxSpace.Uniform((float)MinAction, (float)MaxAction, [1], ElementType.Float32))
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

    protected override StepResult Advance(ReadOnlySpan<float> action)
    {
        double requested = action[0];
        var force = Math.Clamp(requested, MinAction, MaxAction);
        velocity += force * Power - MountainCarTrack.Gravity * Math.Cos(3 * position);
        velocity = Math.Clamp(velocity, -MaxSpeed, MaxSpeed);
        position += velocity;
        position = Math.Clamp(position, MinPosition, MaxPosition);
        if (position == MinPosition && velocity < 0)
            velocity = 0;

        var terminated = position >= GoalPosition && velocity >= GoalVelocity;
        var reward = (terminated ? 100.0 : 0.0) - requested * requested * 0.1;
        return new StepResult(reward, terminated, false);
    }

    public override RgbFrame Render() => MountainCarTrack.Render(position, GoalPosition);
}
