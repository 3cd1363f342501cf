using System.Diagnostics;
using A3C.LibTorch;
using A3C.LibTorch.Nn;

namespace A3C.Bench.Torch;

/// <summary>
/// Per-step cost of our binding against Python's torch on the same libtorch, side by side:
/// zero_grad + forward + MSE loss + backward, for seed 000's small MLP (batch 8, 4-64-64-2) and
/// its Atari CNN (batch 32 of 4x84x84). Usage: <c>dotnet run -c Release --project bench/Torch [-- threads]</c>;
/// <c>-- a2c</c> instead times the pieces of a CartPole A2C step, op by op against fused (<see cref="A2CSteps"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["a2c"])
        {
            LibTorch.Torch.IntraOpThreads = 1;
            A2CSteps.Run();
            return 0;
        }
        var threads = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1;
        LibTorch.Torch.IntraOpThreads = threads;
        LibTorch.Torch.ManualSeed(0);

        using var mlp = new Sequential(new Linear(4, 64), new Tanh(), new Linear(64, 64), new Tanh(), new Linear(64, 2));
        var ours = new Dictionary<string, double>
        {
            ["mlp"] = Case(mlp, [8, 4], [8, 2], 20_000),
        };
        using var cnn = new Sequential(
            new Conv2d(4, 32, 8, stride: 4), new ReLU(), new Conv2d(32, 64, 4, stride: 2), new ReLU(),
            new Conv2d(64, 64, 3, stride: 1), new ReLU(), new Flatten(), new Linear(3136, 512), new ReLU(), new Linear(512, 6));
        ours["cnn"] = Case(cnn, [32, 4, 84, 84], [32, 6], 30);

        var peer = RunPeer(threads);
        Console.WriteLine($"libtorch intra-op threads: {threads}");
        Console.WriteLine($"{"case",-6} {"ours µs/step",14} {"python µs/step",16} {"ratio",8}");
        foreach (var (name, micros) in ours)
        {
            var theirs = peer.GetValueOrDefault(name, double.NaN);
            Console.WriteLine($"{name,-6} {micros,14:F2} {theirs,16:F2} {micros / theirs,8:F3}");
        }
        return 0;
    }

    private static double Case(Module net, long[] batchShape, long[] targetShape, int iterations)
    {
        using var x = LibTorch.Torch.Randn(batchShape).DetachFromDisposeScope();
        using var target = LibTorch.Torch.Randn(targetShape).DetachFromDisposeScope();
        var parameters = net.Parameters();

        void Step()
        {
            using var scope = LibTorch.Torch.NewDisposeScope();
            Gradients.Zero(parameters);
            var loss = Functional.MseLoss(net.Forward(x), target);
            loss.Backward();
        }

        for (var i = 0; i < Math.Max(10, iterations / 10); i++) Step();
        var samples = new double[5];
        for (var r = 0; r < samples.Length; r++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++) Step();
            samples[r] = clock.Elapsed.TotalMicroseconds / iterations;
        }
        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    // Debian's interpreter: python3-torch installs for it, not for other pythons on PATH.
    private const string PeerPython = "/usr/bin/python3";

    private static Dictionary<string, double> RunPeer(int threads)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peer.py");
        var start = new ProcessStartInfo(PeerPython, [script, threads.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var results = new Dictionary<string, double>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            results[parts[0]] = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        process.WaitForExit();
        if (process.ExitCode != 0) Console.Error.WriteLine("python peer failed: install python3-torch (apt-get install python3-torch)");
        return results;
    }
}
