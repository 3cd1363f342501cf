using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.ClassicControl;

/// <summary>
/// Pendulum-v1 as Gymnasium defines it: a torque in [-2, 2] (clipped) swings a pendulum up. The cost is
/// theta^2 + 0.1 theta_dot^2 + 0.001 torque^2, with theta normalised to [-pi, pi) and taken before the update;
/// the reward is its negative. Never terminates; the time limit truncates it. State: theta (0 = upright), theta_dot.
/// </summary>
public sealed class Pendulum : ClassicControlEnvironment
{
    public const double MaxSpeed = 8.0;
    public const double MaxTorque = 2.0;
    public const double Dt = 0.05;
    public const double Mass = 1.0;
    public const double Length = 1.0;
    public const double DefaultGravity = 10.0;

    private readonly double gravity;
    private double theta, thetaDot;

    public Pendulum(double gravity = DefaultGravity)
        : base("Pendulum-v1",
            new BoxSpace([-1f, -1f, -(float)MaxSpeed], [1f, 1f, (float)MaxSpeed], [3], ElementType.Float32),
            BoxSpace.Uniform(-(float)MaxTorque, (float)MaxTorque, [1], ElementType.Float32))
    {
        this.gravity = gravity;
    }

    public override int StateSize => 2;

    protected override void LoadState(ReadOnlySpan<double> state) => (theta, thetaDot) = (state[0], state[1]);

    protected override void StoreState(Span<double> state)
    {
        state[0] = theta;
        state[1] = thetaDot;
    }

    protected override void SampleInitialState(Xoshiro256 random)
    {
        theta = random.Uniform(-Math.PI, Math.PI);
        thetaDot = random.Uniform(-1.0, 1.0);
    }

    protected override void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)Math.Cos(theta);
        observation[1] = (float)Math.Sin(theta);
        observation[2] = (float)thetaDot;
    }

    protected override StepResult Advance(ReadOnlySpan<float> action)
    {
        var torque = Math.Clamp((double)action[0], -MaxTorque, MaxTorque);
        var normalised = NormaliseAngle(theta);
        var cost = normalised * normalised + 0.1 * thetaDot * thetaDot + 0.001 * torque * torque;

        var newThetaDot = thetaDot + (3 * gravity / (2 * Length) * Math.Sin(theta) + 3.0 / (Mass * Length * Length) * torque) * Dt;
        newThetaDot = Math.Clamp(newThetaDot, -MaxSpeed, MaxSpeed);
        theta += newThetaDot * Dt;
        thetaDot = newThetaDot;
        return new StepResult(-cost, false, false);
    }

    /// <summary>Maps an angle to [-pi, pi) with a floored modulo, as Python's <c>((x + pi) % (2 pi)) - pi</c>.</summary>
    public static double NormaliseAngle(double angle)
    {
        const double turn = 2 * Math.PI;
        var shifted = (angle + Math.PI) % turn;
        if (shifted < 0)
            shifted += turn;
        return shifted - Math.PI;
    }

    public override RgbFrame Render()
    {
        const int size = 250;
        var frame = new RgbFrame(size, size);
        frame.Clear(Rgb.White);
        var scale = size / 4.4;
        double cx = size / 2.0, cy = size / 2.0;
        var endX = cx + scale * Length * Math.Sin(theta);
        var endY = cy - scale * Length * Math.Cos(theta);
        frame.DrawLine(cx, cy, endX, endY, 0.2 * scale, new Rgb(204, 77, 77));
        frame.FillCircle(cx, cy, 0.05 * scale, Rgb.Black);
        return frame;
    }
}
