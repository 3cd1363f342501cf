using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.Box2D;

/// <summary>
/// LunarLander-v3 and LunarLanderContinuous-v3 as Gymnasium 1.0 defines them, on Box2D (Debian's libbox2d 2.4)
/// through the small C layer in <c>Native/lunar_lander.cpp</c>, which holds the world, the contact listener and the
/// engine impulses. Terrain heights, every random number (terrain, initial push, engine dispersion, wind phase),
/// the observation, the shaped reward and termination are computed here, so seeding is ours.
/// <para>
/// Discrete actions: 0 nothing, 1 left orientation engine, 2 main engine, 3 right orientation engine. Continuous
/// actions (clipped to [-1, 1]): main engine off below 0, throttle 50%..100% from 0 to 1; side engines off for
/// |a1| &lt;= 0.5, left below -0.5 and right above 0.5, throttle 50%..100%.
/// </para>
/// <para>
/// Observation: x and y relative to the helipad (scaled), vx and vy (scaled), angle, angular velocity (scaled) and
/// the two legs' ground contact. Reward: the change of the shaping potential
/// -100 |(x, y)| - 100 |(vx, vy)| - 100 |angle| + 10 per leg on the ground, minus 0.3 per main-engine frame and
/// 0.03 per side-engine frame (times throttle); -100 and termination when the hull touches the ground or |x| &gt;= 1,
/// +100 and termination when the lander comes to rest (Box2D puts it to sleep).
/// </para>
/// </summary>
public sealed class LunarLander : IEnvironment<float>, IDisposable
{
    public const string DiscreteId = "LunarLander-v3";
    public const string ContinuousId = "LunarLanderContinuous-v3";

    public const double Fps = 50.0;
    public const double Scale = 30.0;
    public const double MainEnginePower = 13.0;
    public const double SideEnginePower = 0.6;
    public const double InitialRandom = 1000.0;
    public const double LegDown = 18.0;
    public const double ViewportWidth = 600.0;
    public const double ViewportHeight = 400.0;
    public const double DefaultGravity = -10.0;
    public const double DefaultWindPower = 15.0;
    public const double DefaultTurbulencePower = 1.5;

    /// <summary>Chunk edges of the terrain (Gymnasium's <c>CHUNKS</c>).</summary>
    public const int Chunks = 11;

    /// <summary>Width and height of the world in metres (Gymnasium's W and H).</summary>
    public const double WorldWidth = ViewportWidth / Scale;
    public const double WorldHeight = ViewportHeight / Scale;

    public const double HelipadY = WorldHeight / 4;
    public const double HelipadX1 = WorldWidth / (Chunks - 1) * (Chunks / 2 - 1);
    public const double HelipadX2 = WorldWidth / (Chunks - 1) * (Chunks / 2 + 1);

    // The lander's hull and legs in pixels (Gymnasium's LANDER_POLY, LEG_W, LEG_H), for drawing.
    private static readonly (double X, double Y)[] Hull = [(-14, 17), (-17, 0), (-17, -10), (17, -10), (17, 0), (14, 17)];
    private const double LegHalfWidth = 2.0;
    private const double LegHalfHeight = 8.0;

    private readonly bool continuous;
    private readonly double gravity;
    private readonly bool enableWind;
    private readonly double windPower;
    private readonly double turbulencePower;
    private readonly double[] surface = new double[Chunks];
    private Xoshiro256? random;
    private Box2DNative.WorldHandle? world;
    private Box2DNative.State state;
    private double? previousShaping;
    private long windIndex, torqueIndex;

    /// <param name="continuous">Box(-1, 1, (2,)) actions (LunarLanderContinuous-v3) instead of Discrete(4).</param>
    /// <param name="gravity">Gymnasium's <c>gravity</c>, in (-12, 0).</param>
    /// <param name="enableWind">Gymnasium's <c>enable_wind</c>: a wind force and a turbulence torque while no leg touches the ground.</param>
    /// <param name="windPower">Gymnasium's <c>wind_power</c> (it advises 0 to 20).</param>
    /// <param name="turbulencePower">Gymnasium's <c>turbulence_power</c> (it advises 0 to 2).</param>
    /// <exception cref="PlatformNotSupportedException">The Box2D library was not built (g++ or libbox2d-dev missing).</exception>
    public LunarLander(bool continuous = false, double gravity = DefaultGravity, bool enableWind = false,
        double windPower = DefaultWindPower, double turbulencePower = DefaultTurbulencePower)
    {
        Id = continuous ? ContinuousId : DiscreteId;
        if (!(gravity > -12.0 && gravity < 0.0))
            throw new ArgumentOutOfRangeException(nameof(gravity), gravity, $"{Id}: gravity must lie in (-12, 0), as Gymnasium asserts.");
        if (!double.IsFinite(windPower) || !double.IsFinite(turbulencePower))
            throw new ArgumentException($"{Id}: wind and turbulence powers must be finite.");
        Box2DNative.EnsureAvailable(Id);
        this.continuous = continuous;
        this.gravity = gravity;
        this.enableWind = enableWind;
        this.windPower = windPower;
        this.turbulencePower = turbulencePower;
        ActionSpace = continuous ? BoxSpace.Uniform(-1f, 1f, [2], ElementType.Float32) : new DiscreteSpace(4);
    }

    public string Id { get; }

    /// <summary>Gymnasium 1.0's bounds: ±2.5 for positions, ±10 for velocities, ±2π for the angle, [0, 1] for contacts.</summary>
    public BoxSpace ObservationSpace { get; } = new(
        [-2.5f, -2.5f, -10f, -10f, -2 * MathF.PI, -10f, -0f, -0f],
        [2.5f, 2.5f, 10f, 10f, 2 * MathF.PI, 10f, 1f, 1f], [8], ElementType.Float32);

    public Space ActionSpace { get; }

    /// <summary>The terrain's heights at x = 0, 2, ..., 20 for the current episode.</summary>
    public ReadOnlySpan<double> Surface => surface;

    /// <summary>The hull has touched the ground in this episode (Gymnasium's <c>game_over</c>).</summary>
    public bool GameOver => state.GameOver != 0;

    /// <summary>Box2D has not put the lander to sleep.</summary>
    public bool Awake => state.Awake != 0;

    /// <summary>Draws the dispersion of the engines' thrust (Gymnasium always does). Tests switch it off for exact mirror images.</summary>
    internal bool Dispersion { get; set; } = true;

    public void Reset(Span<float> observation, ulong? seed = null)
    {
        CheckBuffer(observation);
        if (seed is { } value)
            random = new Xoshiro256(value);
        random ??= Xoshiro256.FromEntropy();

        // Gymnasium: heights = uniform(0, H/2, CHUNKS + 1), the five around the middle set to the helipad,
        // then smoothed over neighbours with weight 0.33 (index -1 wraps to the last height).
        Span<double> height = stackalloc double[Chunks + 1];
        for (var i = 0; i < height.Length; i++)
            height[i] = random.Uniform(0, WorldHeight / 2);
        for (var i = Chunks / 2 - 2; i <= Chunks / 2 + 2; i++)
            height[i] = HelipadY;
        for (var i = 0; i < Chunks; i++)
            surface[i] = 0.33 * (height[i == 0 ? Chunks : i - 1] + height[i] + height[i + 1]);
        var forceX = random.Uniform(-InitialRandom, InitialRandom);
        var forceY = random.Uniform(-InitialRandom, InitialRandom);
        if (enableWind)
        {
            // NumPy's integers(-9999, 9999): the upper bound is excluded.
            windIndex = random.NextInt(19_998) - 9_999;
            torqueIndex = random.NextInt(19_998) - 9_999;
        }
        Start(forceX, forceY, observation);
    }

    /// <summary>
    /// Starts an episode from a chosen terrain and initial push instead of drawn ones (the generator is not
    /// re-seeded: engine dispersion continues it). Needs a generator, so call <see cref="Reset"/> once before.
    /// </summary>
    public void Reset(Span<float> observation, LunarLanderStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        CheckBuffer(observation);
        if (random is null)
            throw EnvironmentErrors.StepBeforeReset(Id);
        if (start.Surface.Length != Chunks || !Array.TrueForAll(start.Surface, double.IsFinite))
            throw new ArgumentException($"{Id}: the start's surface needs {Chunks} finite heights, got {start.Surface.Length}.", nameof(start));
        if (!double.IsFinite(start.ForceX) || !double.IsFinite(start.ForceY))
            throw new ArgumentException($"{Id}: the start's force must be finite.", nameof(start));
        start.Surface.CopyTo(surface, 0);
        Start(start.ForceX, start.ForceY, observation);
    }

    public StepResult Step(int action, Span<float> observation)
    {
        if (world is null)
            throw EnvironmentErrors.StepBeforeReset(Id);
        if (continuous)
            throw EnvironmentErrors.DiscreteGivenToBox(Id, action, ActionSpace);
        if ((uint)action >= 4u)
            throw EnvironmentErrors.OutOfSpace(Id, action, ActionSpace);
        CheckBuffer(observation);
        var mainPower = action == 2 ? 1.0 : 0.0;
        var sidePower = action is 1 or 3 ? 1.0 : 0.0;
        return Advance(mainPower, action - 2, sidePower, observation);
    }

    /// <summary>Steps the continuous variant; finite values beyond [-1, 1] are clipped as in Gymnasium, NaN and infinities rejected.</summary>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        if (world is null)
            throw EnvironmentErrors.StepBeforeReset(Id);
        if (!continuous)
            throw EnvironmentErrors.VectorGivenToDiscrete(Id, action, ActionSpace);
        EnvironmentErrors.RequireFiniteOfSize(Id, action, ActionSpace);
        CheckBuffer(observation);
        var main = Math.Clamp((double)action[0], -1.0, 1.0);
        var lateral = Math.Clamp((double)action[1], -1.0, 1.0);
        var mainPower = main > 0.0 ? (Math.Clamp(main, 0.0, 1.0) + 1.0) * 0.5 : 0.0;
        var sideOn = Math.Abs(lateral) > 0.5;
        return Advance(mainPower, sideOn ? Math.Sign(lateral) : 0, sideOn ? Math.Clamp(Math.Abs(lateral), 0.5, 1.0) : 0.0, observation);
    }

    public RgbFrame Render()
    {
        var frame = new RgbFrame((int)ViewportWidth, (int)ViewportHeight);
        frame.Clear(Rgb.White);
        Span<(double X, double Y)> quad = stackalloc (double, double)[4];
        for (var i = 0; i < Chunks - 1; i++)
        {
            // Gymnasium paints the sky above each terrain segment black over a white ground.
            quad[0] = ToPixels(2.0 * i, surface[i]);
            quad[1] = ToPixels(2.0 * (i + 1), surface[i + 1]);
            quad[2] = ToPixels(2.0 * (i + 1), WorldHeight);
            quad[3] = ToPixels(2.0 * i, WorldHeight);
            Polygons.Fill(frame, quad, Rgb.Black);
        }
        if (world is not null)
        {
            var body = new Rgb(128, 102, 230);
            var outline = new Rgb(77, 77, 128);
            Span<(double X, double Y)> hull = stackalloc (double, double)[Hull.Length];
            for (var i = 0; i < Hull.Length; i++)
                hull[i] = Transform(state.X, state.Y, state.Angle, Hull[i].X / Scale, Hull[i].Y / Scale);
            Polygons.Fill(frame, hull, body);
            Polygons.Outline(frame, hull, outline);
            DrawLeg(frame, state.Leg0X, state.Leg0Y, state.Leg0Angle, body, outline);
            DrawLeg(frame, state.Leg1X, state.Leg1Y, state.Leg1Angle, body, outline);
        }
        Span<(double X, double Y)> flag = stackalloc (double, double)[3];
        foreach (var x in (ReadOnlySpan<double>)[HelipadX1, HelipadX2])
        {
            var (px, bottom) = ToPixels(x, HelipadY);
            var top = bottom - 50;
            frame.DrawLine(px, bottom, px, top, 1, Rgb.White);
            flag[0] = (px, top);
            flag[1] = (px, top + 10);
            flag[2] = (px + 25, top + 5);
            Polygons.Fill(frame, flag, new Rgb(204, 204, 0));
        }
        return frame;
    }

    public void Dispose()
    {
        world?.Dispose();
        world = null;
    }

    private void Start(double forceX, double forceY, Span<float> observation)
    {
        world?.Dispose();
        world = null;
        Span<double> terrainX = stackalloc double[Chunks];
        for (var i = 0; i < Chunks; i++)
            terrainX[i] = WorldWidth / (Chunks - 1) * i;
        unsafe
        {
            fixed (double* xs = terrainX)
            fixed (double* ys = surface)
            {
                world = Box2DNative.a3c_lunar_lander_create((float)gravity, xs, ys, Chunks, WorldWidth,
                    WorldWidth / 2, WorldHeight, forceX, forceY);
            }
        }
        if (world.IsInvalid)
        {
            world = null;
            throw new OutOfMemoryException($"{Id}: Box2D could not create the world.");
        }
        previousShaping = null;
        state = default;
        // Gymnasium's reset returns the observation of one step with the engines off.
        Advance(0.0, 0, 0.0, observation);
    }

    private StepResult Advance(double mainPower, int sideDirection, double sidePower, Span<float> observation)
    {
        var applyWind = 0;
        double windForce = 0, windTorque = 0;
        if (enableWind && state.Leg0Contact == 0 && state.Leg1Contact == 0)
        {
            applyWind = 1;
            windForce = Math.Tanh(Math.Sin(0.02 * windIndex) + Math.Sin(Math.PI * 0.01 * windIndex)) * windPower;
            windIndex++;
            windTorque = Math.Tanh(Math.Sin(0.02 * torqueIndex) + Math.Sin(Math.PI * 0.01 * torqueIndex)) * turbulencePower;
            torqueIndex++;
        }

        // Gymnasium draws the two dispersions every frame, engines on or off.
        var dispersion0 = random!.Uniform(-1.0, 1.0) / Scale;
        var dispersion1 = random.Uniform(-1.0, 1.0) / Scale;
        if (!Dispersion)
            dispersion0 = dispersion1 = 0;
        Box2DNative.State next;
        unsafe
        {
            Box2DNative.a3c_lunar_lander_step(world!, mainPower, sideDirection, sidePower, dispersion0, dispersion1,
                applyWind, windForce, windTorque, &next);
        }
        state = next;

        // The observation and shaping are computed in double from Box2D's floats, as in Gymnasium, then rounded.
        var s0 = (state.X - WorldWidth / 2) / (WorldWidth / 2);
        var s1 = (state.Y - (HelipadY + LegDown / Scale)) / (WorldHeight / 2);
        var s2 = state.VelocityX * (WorldWidth / 2) / Fps;
        var s3 = state.VelocityY * (WorldHeight / 2) / Fps;
        double s4 = state.Angle;
        var s5 = 20.0 * state.AngularVelocity / Fps;
        double s6 = state.Leg0Contact != 0 ? 1.0 : 0.0;
        double s7 = state.Leg1Contact != 0 ? 1.0 : 0.0;
        observation[0] = (float)s0;
        observation[1] = (float)s1;
        observation[2] = (float)s2;
        observation[3] = (float)s3;
        observation[4] = (float)s4;
        observation[5] = (float)s5;
        observation[6] = (float)s6;
        observation[7] = (float)s7;

        var shaping = -100 * Math.Sqrt(s0 * s0 + s1 * s1) - 100 * Math.Sqrt(s2 * s2 + s3 * s3) - 100 * Math.Abs(s4)
            + 10 * s6 + 10 * s7;
        var reward = previousShaping is { } previous ? shaping - previous : 0.0;
        previousShaping = shaping;
        reward -= mainPower * 0.30;
        reward -= sidePower * 0.03;

        var terminated = false;
        if (state.GameOver != 0 || Math.Abs(s0) >= 1.0)
        {
            terminated = true;
            reward = -100;
        }
        if (state.Awake == 0)
        {
            terminated = true;
            reward = +100;
        }
        return new StepResult(reward, terminated, false);
    }

    private static void DrawLeg(RgbFrame frame, float x, float y, float angle, Rgb fill, Rgb outline)
    {
        Span<(double X, double Y)> box = stackalloc (double, double)[4];
        box[0] = Transform(x, y, angle, -LegHalfWidth / Scale, -LegHalfHeight / Scale);
        box[1] = Transform(x, y, angle, LegHalfWidth / Scale, -LegHalfHeight / Scale);
        box[2] = Transform(x, y, angle, LegHalfWidth / Scale, LegHalfHeight / Scale);
        box[3] = Transform(x, y, angle, -LegHalfWidth / Scale, LegHalfHeight / Scale);
        Polygons.Fill(frame, box, fill);
        Polygons.Outline(frame, box, outline);
    }

    // A body-local point (metres) to pixels: rotate, translate, scale, and flip y so that up is up in the picture.
    private static (double X, double Y) Transform(double x, double y, double angle, double localX, double localY)
    {
        var (sin, cos) = Math.SinCos(angle);
        return ToPixels(x + cos * localX - sin * localY, y + sin * localX + cos * localY);
    }

    private static (double X, double Y) ToPixels(double x, double y) => (x * Scale, ViewportHeight - y * Scale);

    private void CheckBuffer(Span<float> observation)
    {
        if (observation.Length != ObservationSpace.Size)
            throw EnvironmentErrors.WrongObservationBuffer(Id, observation.Length, ObservationSpace);
    }
}
