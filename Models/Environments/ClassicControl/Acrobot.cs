using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.ClassicControl;

/// <summary>
/// Acrobot-v1 (Sutton 1996; Sutton and Barto's book dynamics) as Gymnasium integrates it: torque -1, 0 or +1 on
/// the joint between two links, one RK4 step of 0.2 s, joint angles wrapped to [-pi, pi], velocities clipped.
/// Reward -1 per step until the free end rises one link length above the pivot.
/// State: theta1, theta2, dtheta1, dtheta2; observation: cos/sin of both angles and both velocities.
/// </summary>
public sealed class Acrobot : ClassicControlEnvironment
{
    public const double Dt = 0.2;
    public const double LinkLength1 = 1.0;
    public const double LinkMass1 = 1.0;
    public const double LinkMass2 = 1.0;
    public const double LinkCenterOfMass1 = 0.5;
    public const double LinkCenterOfMass2 = 0.5;
    public const double LinkMomentOfInertia = 1.0;
    public const double MaxVelocity1 = 4 * Math.PI;
    public const double MaxVelocity2 = 9 * Math.PI;
    public const double Gravity = 9.8;

    private static readonly double[] Torques = [-1.0, 0.0, 1.0];

    private double theta1, theta2, dtheta1, dtheta2;

    public Acrobot()
        : base("Acrobot-v1", CreateObservationSpace(), new DiscreteSpace(3))
    {
    }

    public override int StateSize => 4;

    protected override void LoadState(ReadOnlySpan<double> state) =>
        (theta1, theta2, dtheta1, dtheta2) = (state[0], state[1], state[2], state[3]);

    protected override void StoreState(Span<double> state)
    {
        state[0] = theta1;
        state[1] = theta2;
        state[2] = dtheta1;
        state[3] = dtheta2;
    }

    // Gymnasium casts the start state to float32; the integration then runs in float64.
    protected override void SampleInitialState(Xoshiro256 random)
    {
        theta1 = (float)random.Uniform(-0.1, 0.1);
        theta2 = (float)random.Uniform(-0.1, 0.1);
        dtheta1 = (float)random.Uniform(-0.1, 0.1);
        dtheta2 = (float)random.Uniform(-0.1, 0.1);
    }

    protected override void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)Math.Cos(theta1);
        observation[1] = (float)Math.Sin(theta1);
        observation[2] = (float)Math.Cos(theta2);
        observation[3] = (float)Math.Sin(theta2);
        observation[4] = (float)dtheta1;
        observation[5] = (float)dtheta2;
    }

    protected override StepResult Advance(int action)
    {
        var torque = Torques[action];
        var y = new State(theta1, theta2, dtheta1, dtheta2);

        // Classic fourth-order Runge-Kutta over one interval of Dt; the torque is held constant.
        const double half = Dt / 2;
        var k1 = Derivatives(y, torque);
        var k2 = Derivatives(y + half * k1, torque);
        var k3 = Derivatives(y + half * k2, torque);
        var k4 = Derivatives(y + Dt * k3, torque);
        var next = y + Dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);

        theta1 = Wrap(next.Theta1, -Math.PI, Math.PI);
        theta2 = Wrap(next.Theta2, -Math.PI, Math.PI);
        dtheta1 = Math.Clamp(next.Dtheta1, -MaxVelocity1, MaxVelocity1);
        dtheta2 = Math.Clamp(next.Dtheta2, -MaxVelocity2, MaxVelocity2);

        var terminated = -Math.Cos(theta1) - Math.Cos(theta2 + theta1) > 1.0;
        return new StepResult(terminated ? 0.0 : -1.0, terminated, false);
    }

    /// <summary>Shifts an angle by whole turns into [low, high], as Gymnasium's <c>wrap</c> does.</summary>
    public static double Wrap(double value, double low, double high)
    {
        var range = high - low;
        while (value > high)
            value -= range;
        while (value < low)
            value += range;
        return value;
    }

    // The equations of motion in the book's form (not the NIPS paper's): Sutton and Barto, section 11.3.
    private static State Derivatives(State s, double torque)
    {
        const double m1 = LinkMass1, m2 = LinkMass2, l1 = LinkLength1;
        const double lc1 = LinkCenterOfMass1, lc2 = LinkCenterOfMass2, i1 = LinkMomentOfInertia, i2 = LinkMomentOfInertia;
        var cosTheta2 = Math.Cos(s.Theta2);
        var sinTheta2 = Math.Sin(s.Theta2);
        var d1 = m1 * lc1 * lc1 + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cosTheta2) + i1 + i2;
        var d2 = m2 * (lc2 * lc2 + l1 * lc2 * cosTheta2) + i2;
        var phi2 = m2 * lc2 * Gravity * Math.Cos(s.Theta1 + s.Theta2 - Math.PI / 2.0);
        var phi1 = -m2 * l1 * lc2 * s.Dtheta2 * s.Dtheta2 * sinTheta2
                   - 2 * m2 * l1 * lc2 * s.Dtheta2 * s.Dtheta1 * sinTheta2
                   + (m1 * lc1 + m2 * l1) * Gravity * Math.Cos(s.Theta1 - Math.PI / 2)
                   + phi2;
        var ddtheta2 = (torque + d2 / d1 * phi1 - m2 * l1 * lc2 * s.Dtheta1 * s.Dtheta1 * sinTheta2 - phi2)
                       / (m2 * lc2 * lc2 + i2 - d2 * d2 / d1);
        var ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        return new State(s.Dtheta1, s.Dtheta2, ddtheta1, ddtheta2);
    }

    public override RgbFrame Render()
    {
        const int size = 250;
        var frame = new RgbFrame(size, size);
        frame.Clear(Rgb.White);
        var scale = size / (2.2 * 2);
        double cx = size / 2.0, cy = size / 2.0;
        frame.FillRectangle(0, (int)(cy - scale), size, 1, Rgb.Black);
        var x1 = cx + scale * Math.Sin(theta1);
        var y1 = cy + scale * Math.Cos(theta1);
        var x2 = x1 + scale * Math.Sin(theta1 + theta2);
        var y2 = y1 + scale * Math.Cos(theta1 + theta2);
        var linkColour = new Rgb(0, 204, 204);
        frame.DrawLine(cx, cy, x1, y1, 10, linkColour);
        frame.DrawLine(x1, y1, x2, y2, 10, linkColour);
        frame.FillCircle(cx, cy, 5, new Rgb(204, 204, 0));
        frame.FillCircle(x1, y1, 5, new Rgb(204, 204, 0));
        return frame;
    }

    private static BoxSpace CreateObservationSpace()
    {
        float[] high = [1, 1, 1, 1, (float)MaxVelocity1, (float)MaxVelocity2];
        float[] low = [-1, -1, -1, -1, -(float)MaxVelocity1, -(float)MaxVelocity2];
        return new BoxSpace(low, high, [6], ElementType.Float32);
    }

    /// <summary>The integrator's state vector with the vector-space operations RK4 needs.</summary>
    private readonly record struct State(double Theta1, double Theta2, double Dtheta1, double Dtheta2)
    {
        public static State operator +(State a, State b) =>
            new(a.Theta1 + b.Theta1, a.Theta2 + b.Theta2, a.Dtheta1 + b.Dtheta1, a.Dtheta2 + b.Dtheta2);

        public static State operator *(double k, State a) =>
            new(k * a.Theta1, k * a.Theta2, k * a.Dtheta1, k * a.Dtheta2);
    }
}
