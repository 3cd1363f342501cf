using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.ClassicControl;

/// <summary>
/// What both mountain-car tasks share: the car's state (position, velocity), its start, its observation,
/// its picture and the physics of one step. The tasks differ only in how an action becomes acceleration
/// and in what they pay.
/// </summary>
public abstract class MountainCarEnvironment(string id, Space actionSpace, double goalPosition)
    : ClassicControlEnvironment(id,
        new BoxSpace([(float)MountainCarTrack.MinPosition, -(float)MountainCarTrack.MaxSpeed],
            [(float)MountainCarTrack.MaxPosition, (float)MountainCarTrack.MaxSpeed], [2], ElementType.Float32),
        actionSpace)
{
    public const double GoalVelocity = 0.0;

    protected double Position { get; private set; }
    protected double Velocity { get; private set; }

    public override int StateSize => 2;

    protected override void LoadState(ReadOnlySpan<double> state) => (Position, Velocity) = (state[0], state[1]);

    protected override void StoreState(Span<double> state)
    {
        state[0] = Position;
        state[1] = Velocity;
    }

    protected override void SampleInitialState(Xoshiro256 random)
    {
        Position = random.Uniform(-0.6, -0.4);
        Velocity = 0.0;
    }

    protected override void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)Position;
        observation[1] = (float)Velocity;
    }

    /// <summary>
    /// Adds the engine's <paramref name="acceleration"/> and gravity, clips speed and position, stops the car
    /// at the inelastic left wall, and says whether it reached the goal.
    /// </summary>
    protected bool Drive(double acceleration)
    {
        // Grouped as Gymnasium writes it, velocity += (engine + gravity), so results match bit for bit.
        var velocity = Velocity + (acceleration - MountainCarTrack.Gravity * Math.Cos(3 * Position));
        velocity = Math.Clamp(velocity, -MountainCarTrack.MaxSpeed, MountainCarTrack.MaxSpeed);
        var position = Math.Clamp(Position + velocity, MountainCarTrack.MinPosition, MountainCarTrack.MaxPosition);
        if (position == MountainCarTrack.MinPosition && velocity < 0)
            velocity = 0;
        (Position, Velocity) = (position, velocity);
        return position >= goalPosition && velocity >= GoalVelocity;
    }

    /// <summary>Rounds the stored state to float32, for the task whose Gymnasium source keeps it so between steps.</summary>
    protected void RoundStateToFloat32() => (Position, Velocity) = ((float)Position, (float)Velocity);

    public override RgbFrame Render() => MountainCarTrack.Render(Position, goalPosition);
}
