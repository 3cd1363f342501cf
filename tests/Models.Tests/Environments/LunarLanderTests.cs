using A3C.Models.Environments;
using A3C.Models.Environments.Box2D;
using A3C.Models.Environments.Rendering;

namespace A3C.Models.Tests.Environments;

/// <summary>
/// LunarLander's physics, rules and plumbing against Gymnasium 1.0's definitions: observations are turned back into
/// metres and seconds with Gymnasium's scales, and rewards are recomputed by hand from them.
/// </summary>
public class LunarLanderTests
{
    private const double Fps = 50.0;
    private const double HalfWidth = 10.0;            // VIEWPORT_W / SCALE / 2
    private const double HalfHeight = 400.0 / 30 / 2;  // VIEWPORT_H / SCALE / 2

    // Hull (LANDER_POLY, 867 px^2) at density 5 plus two 4 x 16 px legs at density 1, SCALE = 30.
    private const double TotalMass = (5 * 867.0 + 2 * 64.0) / 900.0;

    private static double Vx(float[] o) => o[2] * Fps / HalfWidth;
    private static double Vy(float[] o) => o[3] * Fps / HalfHeight;
    private static double Y(float[] o) => o[1] * HalfHeight;

    private static LunarLander Started(float[] observation, LunarLanderStart start, bool continuous = false, double gravity = -10.0, bool dispersion = true)
    {
        var env = new LunarLander(continuous, gravity) { Dispersion = dispersion };
        env.Reset(observation, 0);
        env.Reset(observation, start);
        return env;
    }

    [Theory]
    [InlineData(-10.0, 0.0)]
    [InlineData(-4.0, 0.0)]
    [InlineData(-10.0, 400.0)]
    [InlineData(-4.0, -300.0)]
    public void Free_fall_gains_g_per_second_and_keeps_its_horizontal_speed(double gravity, double forceX)
    {
        var o = new float[8];
        var env = Started(o, LunarLanderStart.Flat(forceX, forceY: 250), gravity: gravity);
        // The legs swing to their joint limits during the first frames (a last jolt comes near frame 16); after
        // that lander and legs fall as one.
        for (var i = 0; i < 20; i++)
            env.Step(0, o);
        double vy0 = Vy(o), vx0 = Vx(o), y0 = Y(o), spin = o[5];
        Assert.Equal(forceX == 0, Math.Abs(vx0) < 1e-6);
        for (var n = 1; n <= 30; n++)
        {
            Assert.False(env.Step(0, o).Done);
            var t = n / Fps;
            Assert.Equal(vy0 + gravity * t, Vy(o), 1e-3);
            // float32 and the leg joints' iterative solver leave a drift of a few 1e-5 m/s.
            Assert.Equal(vx0, Vx(o), 5e-4);
            // Box2D's semi-implicit Euler leads the exact parabola by g dt t / 2. The observation follows the hull's
            // origin, 3 px below its centre of mass, so a spinning lander's origin wanders by a millimetre.
            var exact = y0 + vy0 * t + 0.5 * gravity * t * t;
            Assert.Equal(exact + 0.5 * gravity * t / Fps, Y(o), forceX == 0 ? 1e-5 : 3e-3);
            // The push acts on the hull's centre, above the centre of lander and legs together, so it also set the
            // lander spinning; in vacuum the spin stays.
            Assert.Equal(spin, o[5], 1e-4);
        }
        Assert.Equal(forceX == 0, Math.Abs(spin) < 1e-4);
    }

    [Fact]
    public void Main_engine_pushes_up_by_its_impulse_over_the_mass()
    {
        var o = new float[8];
        var env = Started(o, LunarLanderStart.Flat(), dispersion: false);
        for (var i = 0; i < 10; i++)
            env.Step(0, o);
        var before = Vy(o);
        Assert.True(before < 0);
        const int frames = 20;
        for (var i = 0; i < frames; i++)
            env.Step(2, o);
        // MAIN_ENGINE_POWER * MAIN_ENGINE_Y_LOCATION / SCALE per frame on lander and legs, against gravity. The legs
        // swing on their joints now and then and trade a little momentum with the hull, so compare the mean.
        Assert.Equal(13.0 * 4 / 30 / TotalMass - 10.0 / Fps, (Vy(o) - before) / frames, 1e-3);
        Assert.True(Vy(o) > before + 2);
        Assert.Equal(0f, o[4], 1e-4);
    }

    [Fact]
    public void Main_engine_with_dispersion_still_decelerates_the_fall()
    {
        var free = new float[8];
        var fired = new float[8];
        var a = new LunarLander();
        var b = new LunarLander();
        a.Reset(free, 11);
        b.Reset(fired, 11);
        Assert.Equal(free, fired);
        for (var i = 0; i < 20; i++)
        {
            a.Step(0, free);
            b.Step(2, fired);
            Assert.True(Vy(fired) > Vy(free));
        }
        Assert.True(Vy(fired) > Vy(free) + 20 * 0.1);
    }

    [Fact]
    public void Side_engines_turn_opposite_ways_and_a_mirrored_start_gives_a_mirrored_flight()
    {
        var random = new Xoshiro256(5);
        var surface = Enumerable.Range(0, LunarLander.Chunks).Select(_ => random.Uniform(0, 6)).ToArray();
        var start = new LunarLanderStart(surface, 300, -200);
        var left = new float[8];
        var right = new float[8];
        var a = Started(left, start, dispersion: false);
        var b = Started(right, start.Mirrored(), dispersion: false);
        // Box2D solves the two leg joints in a fixed order, so the mirror images agree to solver precision, not bits.
        for (var i = 0; i < 30; i++)
        {
            a.Step(1, left);
            b.Step(3, right);
            Assert.Equal(-left[0], right[0], 1e-4);
            Assert.Equal(left[1], right[1], 1e-4);
            Assert.Equal(-left[2], right[2], 1e-4);
            Assert.Equal(left[3], right[3], 1e-4);
            Assert.Equal(-left[4], right[4], 1e-4);
            Assert.Equal(-left[5], right[5], 2e-3);
        }
        // Action 1 (left orientation engine) turns the lander counter-clockwise, as Gymnasium's heuristic expects.
        Assert.True(left[5] > 0.05 && left[4] > 0.05);
        Assert.True(right[5] < -0.05 && right[4] < -0.05);
    }

    [Fact]
    public void Continuous_side_engine_turns_only_beyond_half_throttle()
    {
        var o = new float[8];
        var env = Started(o, LunarLanderStart.Flat(), continuous: true, dispersion: false);
        for (var i = 0; i < 5; i++)
            env.Step([-1f, 0.5f], o);
        Assert.Equal(0f, o[5], 1e-5);
        env.Step([-1f, 0.6f], o);
        Assert.True(o[5] < -1e-3);
    }

    /// <summary>Gymnasium's heuristic pilot (lunar_lander.py's <c>heuristic</c>), in our own words.</summary>
    private static int Pilot(float[] s, out float[] continuous)
    {
        var angleTarget = Math.Clamp(s[0] * 0.5 + s[2] * 1.0, -0.4, 0.4);
        var hoverTarget = 0.55 * Math.Abs(s[0]);
        var angleTodo = (angleTarget - s[4]) * 0.5 - s[5] * 1.0;
        var hoverTodo = (hoverTarget - s[1]) * 0.5 - s[3] * 0.5;
        if (s[6] != 0 || s[7] != 0)
        {
            angleTodo = 0;
            hoverTodo = -s[3] * 0.5;
        }
        continuous = [(float)Math.Clamp(hoverTodo * 20 - 1, -1, 1), (float)Math.Clamp(-angleTodo * 20, -1, 1)];
        if (hoverTodo > Math.Abs(angleTodo) && hoverTodo > 0.05)
            return 2;
        if (angleTodo < -0.05)
            return 3;
        return angleTodo > 0.05 ? 1 : 0;
    }

    private static double Shaping(float[] s) =>
        -100 * Math.Sqrt(s[0] * (double)s[0] + s[1] * (double)s[1])
        - 100 * Math.Sqrt(s[2] * (double)s[2] + s[3] * (double)s[3])
        - 100 * Math.Abs((double)s[4]) + 10 * s[6] + 10 * s[7];

    [Theory]
    [InlineData(false, 1UL)]
    [InlineData(false, 2UL)]
    [InlineData(true, 3UL)]
    public void Rewards_are_the_shaping_difference_minus_fuel_and_a_landing_pays_100_at_rest(bool continuous, ulong seed)
    {
        var env = new LunarLander(continuous);
        var o = new float[8];
        env.Reset(o, seed);
        var previous = (float[])o.Clone();
        double total = 0;
        var sawLegContact = false;
        for (var step = 0; step < 1000; step++)
        {
            var action = Pilot(o, out var throttle);
            double main, side;
            StepResult result;
            if (continuous)
            {
                main = throttle[0] > 0 ? (Math.Clamp(throttle[0], 0, 1) + 1) * 0.5 : 0;
                side = Math.Abs(throttle[1]) > 0.5 ? Math.Clamp(Math.Abs(throttle[1]), 0.5, 1) : 0;
                result = env.Step(throttle, o);
            }
            else
            {
                main = action == 2 ? 1 : 0;
                side = action is 1 or 3 ? 1 : 0;
                result = env.Step(action, o);
            }
            total += result.Reward;
            sawLegContact |= o[6] + o[7] > 0;
            if (result.Terminated)
            {
                Assert.Equal(100.0, result.Reward);
                Assert.False(env.Awake);
                Assert.False(env.GameOver);
                // Usually both legs; a leg resting where two terrain edges meet can read 0, since (as in Gymnasium)
                // the end of one of its two contacts clears its flag.
                Assert.True(o[6] + o[7] >= 1);
                Assert.True(total > 200, $"the heuristic pilot scored {total}");
                Assert.True(sawLegContact);
                return;
            }
            Assert.Equal(Shaping(o) - Shaping(previous) - 0.3 * main - 0.03 * side, result.Reward, 2e-3);
            Array.Copy(o, previous, 8);
        }
        Assert.Fail("the heuristic pilot did not come to rest within 1000 steps");
    }

    [Fact]
    public void A_leg_touching_down_pays_ten()
    {
        var o = new float[8];
        var env = Started(o, LunarLanderStart.Flat(), dispersion: false);
        var previous = (float[])o.Clone();
        for (var step = 0; step < 300; step++)
        {
            Array.Copy(o, previous, 8);
            // Brake with the main engine so that the touchdown is soft.
            var main = Vy(o) < -2 ? 1 : 0;
            var result = env.Step(main == 1 ? 2 : 0, o);
            Assert.False(result.Terminated);
            var legs = o[6] + o[7] - previous[6] - previous[7];
            if (legs == 0)
                continue;
            var motion = Shaping(o) - 10 * (o[6] + o[7]) - (Shaping(previous) - 10 * (previous[6] + previous[7]));
            Assert.Equal(motion + 10 * legs - 0.3 * main, result.Reward, 2e-3);
            Assert.True(legs > 0);
            return;
        }
        Assert.Fail("no leg touched down");
    }

    [Fact]
    public void Hitting_the_ground_with_the_hull_ends_the_game_with_minus_100()
    {
        var o = new float[8];
        var env = Started(o, LunarLanderStart.Flat(forceY: -1000));
        StepResult result;
        var steps = 0;
        while (!(result = env.Step(0, o)).Done)
            Assert.True(++steps < 200);
        Assert.True(result.Terminated);
        Assert.Equal(-100.0, result.Reward);
        Assert.True(env.GameOver);
        Assert.InRange(o[0], -0.5f, 0.5f);
    }

    [Fact]
    public void Leaving_the_screen_ends_the_episode_with_minus_100()
    {
        var o = new float[8];
        var env = Started(o, LunarLanderStart.Flat(forceX: 8000));
        StepResult result;
        var steps = 0;
        while (!(result = env.Step(2, o)).Done)
            Assert.True(++steps < 100);
        Assert.True(result.Terminated);
        Assert.Equal(-100.0, result.Reward);
        Assert.False(env.GameOver);
        Assert.True(o[0] >= 1f);
    }

    [Fact]
    public void Registry_makes_both_variants_with_gymnasium_spaces_and_a_1000_step_limit()
    {
        var registry = EnvironmentRegistry.Standard;
        Assert.Equal(1000, registry.Spec("LunarLander-v3").MaxEpisodeSteps);
        Assert.Equal(1000, registry.Spec("LunarLanderContinuous-v3").MaxEpisodeSteps);
        var discrete = registry.Make<float>("LunarLander-v3");
        Assert.Equal("Discrete(4)", discrete.ActionSpace.ToString());
        var continuous = registry.Make<float>("LunarLanderContinuous-v3");
        Assert.Equal("Box(-1.0, 1.0, (2,), float32)", continuous.ActionSpace.ToString());
        Assert.Equal("Box([-2.5 -2.5 -10.0 -10.0 -6.283185 -10.0 -0.0 -0.0], [2.5 2.5 10.0 10.0 6.283185 10.0 1.0 1.0], (8,), float32)",
            discrete.ObservationSpace.ToString());

        // Twenty frames of free fall end nowhere near the ground, so only the limit ends this episode.
        var env = registry.Make<float>("LunarLander-v3", new EnvironmentOptions { MaxEpisodeSteps = 20 });
        var o = new float[8];
        env.Reset(o, 4);
        StepResult result = default;
        for (var i = 0; i < 20; i++)
            result = env.Step(0, o);
        Assert.True(result.Truncated);
        Assert.Equal(20, result.Episode!.Value.Length);
    }

    [Fact]
    public void A_vector_of_landers_resets_finished_copies_and_reports_their_episodes()
    {
        var vector = EnvironmentRegistry.Standard.MakeVector<float>("LunarLanderContinuous-v3", 3);
        vector.Reset(7);
        Assert.NotEqual(vector.Observations[..8], vector.Observations[8..16]);
        var finished = 0;
        var actions = new float[6];
        for (var step = 0; step < 400 && finished < 3; step++)
        {
            vector.Step(actions);
            finished += vector.FinishedEpisodes.Count;
        }
        // Engines off: every lander falls and crashes.
        Assert.True(finished >= 3);
    }

    [Fact]
    public void Same_seed_same_terrain_and_flight_another_seed_another()
    {
        var a = new LunarLander();
        var b = new LunarLander();
        var oa = new float[8];
        var ob = new float[8];
        a.Reset(oa, 42);
        b.Reset(ob, 42);
        Assert.Equal(a.Surface.ToArray(), b.Surface.ToArray());
        for (var i = 0; i < 50; i++)
        {
            a.Step(i % 4, oa);
            b.Step(i % 4, ob);
            Assert.Equal(oa, ob);
        }
        b.Reset(ob, 43);
        a.Reset(oa, 42);
        Assert.NotEqual(a.Surface.ToArray(), b.Surface.ToArray());
        Assert.NotEqual(oa, ob);
        // The helipad is flat at H/4 (times 0.99 from Gymnasium's 0.33 smoothing) around x = 10.
        Assert.Equal(0.99 * LunarLander.HelipadY, a.Surface[5], 1e-12);
        Assert.Equal(a.Surface[4], a.Surface[6], 1e-12);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void Discrete_actions_outside_four_are_rejected_with_the_id(int action)
    {
        var env = new LunarLander();
        var o = new float[8];
        env.Reset(o, 0);
        var error = Assert.Throws<ArgumentException>(() => env.Step(action, o));
        Assert.StartsWith($"LunarLander-v3: action {action} is outside the action space Discrete(4).", error.Message);
        Assert.StartsWith("LunarLander-v3: got the float action", Assert.Throws<ArgumentException>(() => env.Step([0f, 0f], o)).Message);
    }

    [Fact]
    public void Continuous_actions_must_be_two_finite_numbers()
    {
        var env = new LunarLander(continuous: true);
        var o = new float[8];
        env.Reset(o, 0);
        Assert.StartsWith("LunarLanderContinuous-v3: action [NaN, 0] is outside the action space Box(-1.0, 1.0, (2,), float32)",
            Assert.Throws<ArgumentException>(() => env.Step([float.NaN, 0f], o)).Message);
        Assert.StartsWith("LunarLanderContinuous-v3: action [0, Infinity] is outside",
            Assert.Throws<ArgumentException>(() => env.Step([0f, float.PositiveInfinity], o)).Message);
        Assert.StartsWith("LunarLanderContinuous-v3: action [0.5] has 1 element(s) but the action space",
            Assert.Throws<ArgumentException>(() => env.Step([0.5f], o)).Message);
        Assert.StartsWith("LunarLanderContinuous-v3: action [0, 0, 0] has 3 element(s)",
            Assert.Throws<ArgumentException>(() => env.Step([0f, 0f, 0f], o)).Message);
        Assert.StartsWith("LunarLanderContinuous-v3: got the discrete action 2",
            Assert.Throws<ArgumentException>(() => env.Step(2, o)).Message);
        Assert.StartsWith("LunarLanderContinuous-v3: the observation buffer holds 4",
            Assert.Throws<ArgumentException>(() => env.Step([0f, 0f], new float[4])).Message);
        // Finite values beyond the bounds are clipped, as in Gymnasium: full throttle either way.
        env.Step([5f, -7f], o);
    }

    [Fact]
    public void Stepping_before_reset_throws_and_gravity_outside_gymnasiums_range_is_refused()
    {
        var env = new LunarLander();
        var error = Assert.Throws<InvalidOperationException>(() => env.Step(0, new float[8]));
        Assert.Equal("LunarLander-v3: Step was called before Reset; call Reset to start an episode first.", error.Message);
        Assert.Throws<InvalidOperationException>(() => env.Reset(new float[8], LunarLanderStart.Flat()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LunarLander(gravity: -12.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LunarLander(gravity: 1));
    }

    [Fact]
    public void Wind_pushes_the_lander_sideways_while_it_flies()
    {
        var calm = new LunarLander();
        var windy = new LunarLander(enableWind: true, windPower: 20, turbulencePower: 2);
        var oc = new float[8];
        var ow = new float[8];
        calm.Reset(oc, 9);
        windy.Reset(ow, 9);
        // Same terrain and push (the wind's phase is drawn after them), different drift.
        Assert.Equal(calm.Surface.ToArray(), windy.Surface.ToArray());
        for (var i = 0; i < 30; i++)
        {
            calm.Step(0, oc);
            windy.Step(0, ow);
        }
        Assert.True(Math.Abs(oc[2] - ow[2]) > 0.01, $"calm vx {oc[2]}, windy vx {ow[2]}");
    }

    [Fact]
    public void Render_draws_lander_sky_ground_and_flags_where_they_are()
    {
        var o = new float[8];
        var env = Started(o, LunarLanderStart.Flat(), dispersion: false);
        for (var i = 0; i < 20; i++)
            env.Step(0, o);
        var frame = env.Render();
        Assert.Equal((600, 400), (frame.Width, frame.Height));
        var x = 300 + (int)Math.Round(o[0] * 300);
        var y = 400 - (int)Math.Round((Y(o) + LunarLander.HelipadY + 0.6) * 30);
        Assert.Equal(new Rgb(128, 102, 230), frame[x, y]);
        Assert.Equal(Rgb.Black, frame[100, 20]);                   // sky
        Assert.Equal(Rgb.White, frame[100, 395]);                  // ground
        Assert.Equal(new Rgb(204, 204, 0), frame[245, 400 - 100 - 45]); // flag at helipad_x1 = 8 m

        var recorder = new EpisodeRecorder();
        recorder.Capture(env);
        env.Step(2, o);
        recorder.Capture(env);
        var path = Path.Combine(Path.GetTempPath(), $"lander-{Guid.NewGuid():N}.gif");
        try
        {
            recorder.SaveGif(path);
            Assert.True(new FileInfo(path).Length > 100);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
