using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.ClassicControl;

/// <summary>
/// CartPole-v1 (Barto, Sutton and Anderson, 1983) with Gymnasium's constants and update: push the cart left (0)
/// or right (1) to keep the pole within 12 degrees and the cart within 2.4 of the centre. Reward +1 per step,
/// including the step that terminates. State: x, x_dot, theta, theta_dot.
/// </summary>
public sealed class CartPole : ClassicControlEnvironment
{
    public const double Gravity = 9.8;
    public const double MassCart = 1.0;
    public const double MassPole = 0.1;
    public const double TotalMass = MassCart + MassPole;

    /// <summary>Half the pole's length: the distance from the pivot to the pole's centre of mass.</summary>
    public const double HalfPoleLength = 0.5;

    public const double PoleMassLength = MassPole * HalfPoleLength;
    public const double ForceMagnitude = 10.0;

    /// <summary>Seconds between state updates.</summary>
    public const double Tau = 0.02;

    public const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;
    public const double XThreshold = 2.4;

    private readonly CartPoleIntegrator integrator;
    private double x, xDot, theta, thetaDot;

    // Gymnasium counts steps taken after termination and pays nothing for them.
    private bool terminatedBefore;

    public CartPole(CartPoleIntegrator integrator = CartPoleIntegrator.Euler)
        : base("CartPole-v1", CreateObservationSpace(), new DiscreteSpace(2))
    {
        this.integrator = integrator;
    }

    public override int StateSize => 4;

    protected override void LoadState(ReadOnlySpan<double> state)
    {
        (x, xDot, theta, thetaDot) = (state[0], state[1], state[2], state[3]);
        terminatedBefore = false;
    }

    protected override void StoreState(Span<double> state)
    {
        state[0] = x;
        state[1] = xDot;
        state[2] = theta;
        state[3] = thetaDot;
    }

    protected override void SampleInitialState(Xoshiro256 random)
    {
        x = random.Uniform(-0.05, 0.05);
        xDot = random.Uniform(-0.05, 0.05);
        theta = random.Uniform(-0.05, 0.05);
        thetaDot = random.Uniform(-0.05, 0.05);
        terminatedBefore = false;
    }

    protected override void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)x;
        observation[1] = (float)xDot;
        observation[2] = (float)theta;
        observation[3] = (float)thetaDot;
    }

    protected override StepResult Advance(int action)
    {
        var force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        var (sinTheta, cosTheta) = Math.SinCos(theta);

        // Equations of motion from Florian (2007), "Correct equations for the dynamics of the cart-pole system".
        var temp = (force + PoleMassLength * thetaDot * thetaDot * sinTheta) / TotalMass;
        var thetaAcc = (Gravity * sinTheta - cosTheta * temp)
                       / (HalfPoleLength * (4.0 / 3.0 - MassPole * cosTheta * cosTheta / TotalMass));
        var xAcc = temp - PoleMassLength * thetaAcc * cosTheta / TotalMass;

        if (integrator == CartPoleIntegrator.Euler)
        {
            x += Tau * xDot;
            xDot += Tau * xAcc;
            theta += Tau * thetaDot;
            thetaDot += Tau * thetaAcc;
        }
        else
        {
            xDot += Tau * xAcc;
            x += Tau * xDot;
            thetaDot += Tau * thetaAcc;
            theta += Tau * thetaDot;
        }

        var terminated = x < -XThreshold || x > XThreshold || theta < -ThetaThresholdRadians || theta > ThetaThresholdRadians;
        double reward = 1.0;
        if (terminated)
        {
            reward = terminatedBefore ? 0.0 : 1.0;
            terminatedBefore = true;
        }
        return new StepResult(reward, terminated, false);
    }

    public override RgbFrame Render()
    {
        const int width = 300, height = 200;
        var frame = new RgbFrame(width, height);
        frame.Clear(Rgb.White);
        var scale = width / (XThreshold * 2);
        var cartY = height * 0.7;
        var cartX = x * scale + width / 2.0;
        frame.FillRectangle(0, (int)cartY + 10, width, 1, Rgb.Black);
        frame.FillRectangle((int)(cartX - 25), (int)(cartY - 15), 50, 30, Rgb.Black);
        var poleLength = scale * 2 * HalfPoleLength;
        frame.DrawLine(cartX, cartY - 15, cartX + poleLength * Math.Sin(theta), cartY - 15 - poleLength * Math.Cos(theta), 8, new Rgb(202, 152, 101));
        frame.FillCircle(cartX, cartY - 15, 4, new Rgb(129, 132, 203));
        return frame;
    }

    private static BoxSpace CreateObservationSpace()
    {
        // Bounds are twice the termination thresholds so a failing observation still lies inside the space; the
        // velocities are unbounded, np.inf in Gymnasium 1.0.
        float[] high = [(float)(XThreshold * 2), float.PositiveInfinity, (float)(ThetaThresholdRadians * 2), float.PositiveInfinity];
        float[] low = [-high[0], -high[1], -high[2], -high[3]];
        return new BoxSpace(low, high, [4], ElementType.Float32);
    }
}
