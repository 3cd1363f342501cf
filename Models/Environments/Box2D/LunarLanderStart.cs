namespace A3C.Models.Environments.Box2D;

/// <summary>
/// A start of a LunarLander episode chosen by the caller instead of drawn: the terrain's surface heights at the
/// 11 chunk edges (x = 0, 2, ..., 20; Gymnasium's smoothed <c>smooth_y</c>), and the force applied to the lander
/// during the first frame (Gymnasium draws each component from [-1000, 1000]; any finite value is accepted here).
/// </summary>
public sealed record LunarLanderStart(double[] Surface, double ForceX, double ForceY)
{
    /// <summary>A flat surface at the helipad's height and no push: the lander falls straight down.</summary>
    public static LunarLanderStart Flat(double forceX = 0, double forceY = 0)
    {
        var surface = new double[LunarLander.Chunks];
        Array.Fill(surface, LunarLander.HelipadY);
        return new LunarLanderStart(surface, forceX, forceY);
    }

    /// <summary>The same start seen in a mirror at x = 10: the surface reversed and the horizontal push negated.</summary>
    public LunarLanderStart Mirrored() => new(Surface.Reverse().ToArray(), -ForceX, ForceY);
}
