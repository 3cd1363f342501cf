using System.Diagnostics;
using A3C.Models.Environments;
using A3C.Models.Environments.Box2D;
using A3C.Models.Environments.ClassicControl;
using A3C.Models.Environments.MuJoCo;

namespace A3C.Bench.Environments;

/// <summary>
/// Steps per second of the environments on one thread, printed as a table. Actions come from a precomputed
/// random table so the policy costs nothing. Rates are given per second of wall-clock time and per second of
/// this process's CPU time; on a shared machine the second is the steadier figure for "one core". For the MuJoCo
/// tasks "frames" are physics steps (mj_step calls: 4 per Hopper step, 5 per HalfCheetah step).
/// Usage: <c>dotnet run -c Release --project bench/Environments [seconds]</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2.0;
        var registry = EnvironmentRegistry.Standard;
        Console.WriteLine($"{"case",-44} {"steps/s",12} {"frames/s",12} {"steps/cpu-s",12} {"frames/cpu-s",13}");
        Report("CartPole-v1 raw (no wrappers)", 1, Single(new CartPole(), seconds));
        Report("CartPole-v1 via registry (N=1)", 1, Single(registry.Make<float>("CartPole-v1"), seconds));
        Report("CartPole-v1 VectorEnv N=8", 1, Vector(registry.MakeVector<float>("CartPole-v1", 8), seconds));
        Report("CartPole-v1 VectorEnv N=64", 1, Vector(registry.MakeVector<float>("CartPole-v1", 64), seconds));
        Report("Pendulum-v1 via registry (N=1)", 1, Continuous(registry.Make<float>("Pendulum-v1"), seconds));
        Report("Hopper-v5 raw (no wrappers)", 4, Continuous(new Hopper(), seconds));
        Report("Hopper-v5 via registry (N=1)", 4, Continuous(registry.Make<float>("Hopper-v5"), seconds));
        Report("Hopper-v5 VectorEnv N=8", 4, ContinuousVector(registry.MakeVector<float>("Hopper-v5", 8), seconds));
        Report("HalfCheetah-v5 raw (no wrappers)", 5, Continuous(new HalfCheetah(), seconds));
        Report("HalfCheetah-v5 via registry (N=1)", 5, Continuous(registry.Make<float>("HalfCheetah-v5"), seconds));
        Report("HalfCheetah-v5 VectorEnv N=8", 5, ContinuousVector(registry.MakeVector<float>("HalfCheetah-v5", 8), seconds));
        Report("LunarLander-v3 raw (no wrappers)", 1, Single(new LunarLander(), seconds));
        Report("LunarLander-v3 via registry (N=1)", 1, Single(registry.Make<float>("LunarLander-v3"), seconds));
        Report("LunarLander-v3 VectorEnv N=8", 1, Vector(registry.MakeVector<float>("LunarLander-v3", 8), seconds));
        Report("LunarLanderContinuous-v3 via registry", 1, Continuous(registry.Make<float>("LunarLanderContinuous-v3"), seconds));
        Report("PixelPong-v0 raw frames", 1, Single(registry.Make<byte>("PixelPong-v0", new EnvironmentOptions { PixelPreprocessing = false }), seconds));
        Report("PixelPong-v0 skip4+maxpool+stack4 (agent)", 4, Single(registry.Make<byte>("PixelPong-v0"), seconds));
        Report("PixelPong-v0 wrapped VectorEnv N=16", 4, Vector(registry.MakeVector<byte>("PixelPong-v0", 16), seconds));
        return 0;
    }

    private static void Report(string name, int framesPerStep, Rate rate) =>
        Console.WriteLine($"{name,-44} {rate.PerWallSecond,12:N0} {rate.PerWallSecond * framesPerStep,12:N0} {rate.PerCpuSecond,12:N0} {rate.PerCpuSecond * framesPerStep,13:N0}");

    private readonly record struct Rate(double PerWallSecond, double PerCpuSecond);

    private static int[] RandomActions(int n, int length)
    {
        var random = new Xoshiro256(7);
        var actions = new int[length];
        for (var i = 0; i < length; i++)
            actions[i] = random.NextInt(n);
        return actions;
    }

    private static Rate Single<TObs>(IEnvironment<TObs> env, double seconds)
        where TObs : unmanaged
    {
        var observation = new TObs[env.ObservationSpace.Size];
        var actions = RandomActions(((DiscreteSpace)env.ActionSpace).N, 1 << 16);
        env.Reset(observation, 1);
        return Measure(seconds, step =>
        {
            if (env.Step(actions[step & 0xFFFF], observation).Done)
                env.Reset(observation);
            return 1;
        });
    }

    // Uniform random actions within the box, 4096 of them, reused in turn.
    private static float[] RandomBoxActions(BoxSpace space, int count)
    {
        var random = new Xoshiro256(7);
        var actions = new float[count * space.Size];
        for (var i = 0; i < actions.Length; i++)
            actions[i] = (float)random.Uniform(space.Low[i % space.Size], space.High[i % space.Size]);
        return actions;
    }

    private static Rate Continuous(IEnvironment<float> env, double seconds)
    {
        var observation = new float[env.ObservationSpace.Size];
        var size = env.ActionSpace.Size;
        var actions = RandomBoxActions((BoxSpace)env.ActionSpace, 4096);
        env.Reset(observation, 1);
        return Measure(seconds, step =>
        {
            if (env.Step(actions.AsSpan((step & 4095) * size, size), observation).Done)
                env.Reset(observation);
            return 1;
        });
    }

    private static Rate ContinuousVector(VectorEnv<float> vector, double seconds)
    {
        var n = vector.Count;
        var size = vector.SingleActionSpace.Size;
        var actions = RandomBoxActions((BoxSpace)vector.SingleActionSpace, 4096);
        vector.Reset(1);
        return Measure(seconds, step =>
        {
            var offset = (step * n) & 4095;
            vector.Step(actions.AsSpan(Math.Min(offset, 4096 - n) * size, n * size));
            return n;
        });
    }

    private static Rate Vector<TObs>(VectorEnv<TObs> vector, double seconds)
        where TObs : unmanaged
    {
        var n = vector.Count;
        var table = RandomActions(((DiscreteSpace)vector.SingleActionSpace).N, 1 << 16);
        vector.Reset(1);
        return Measure(seconds, step =>
        {
            var offset = (step * n) & 0xFFFF;
            vector.Step(table.AsSpan(Math.Min(offset, table.Length - n), n));
            return n;
        });
    }

    // Warms up (so the JIT's optimised tier runs), then steps until the time is up, checking the clock every 256 calls.
    private static Rate Measure(double seconds, Func<int, int> step)
    {
        var warmUp = Stopwatch.StartNew();
        var call = 0;
        while (warmUp.Elapsed.TotalSeconds < 0.3)
            step(call++);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        long steps = 0;
        while (true)
        {
            for (var i = 0; i < 256; i++)
                steps += step(call++);
            if (stopwatch.Elapsed.TotalSeconds >= seconds)
                break;
        }
        var wall = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        return new Rate(steps / wall, steps / cpu);
    }
}
