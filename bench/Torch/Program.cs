using System.Diagnostics;
using A3C.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace A3C.Bench.Torch;

/// <summary>
/// Per-step cost of TorchSharp (libtorch 2.10) against Python's torch (Debian's python3-torch), side by side:
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
            TorchRuntime.IntraOpThreads = 1;
            A2CSteps.Run();
            return 0;
        }
        var threads = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1;
        TorchRuntime.IntraOpThreads = threads;
        random.manual_seed(0);

        using var mlp = nn.Sequential(nn.Linear(4, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 2));
        var ours = new Dictionary<string, double>
        {
            ["mlp"] = Case(mlp, [8, 4], [8, 2], 20_000),
        };
        using var cnn = nn.Sequential(
            nn.Conv2d(4, 32, 8, stride: 4), nn.ReLU(), nn.Conv2d(32, 64, 4, stride: 2), nn.ReLU(),
            nn.Conv2d(64, 64, 3, stride: 1), nn.ReLU(), nn.Flatten(), nn.Linear(3136, 512), nn.ReLU(), nn.Linear(512, 6));
        ours["cnn"] = Case(cnn, [32, 4, 84, 84], [32, 6], 30);

        var (peer, peerVersion) = RunPeer(threads);
        Console.WriteLine($"libtorch intra-op threads: {threads}; TorchSharp {typeof(torch).Assembly.GetName().Version} on libtorch {__version__}; python torch {peerVersion}");
        Console.WriteLine($"{"case",-6} {"ours µs/step",14} {"python µs/step",16} {"ratio",8}");
        foreach (var (name, micros) in ours)
        {
            var theirs = peer.GetValueOrDefault(name, double.NaN);
            Console.WriteLine($"{name,-6} {micros,14:F2} {theirs,16:F2} {micros / theirs,8:F3}");
        }
        return 0;
    }

    private static double Case(nn.Module<Tensor, Tensor> net, long[] batchShape, long[] targetShape, int iterations)
    {
        using var x = randn(batchShape);
        using var target = randn(targetShape);

        void Step()
        {
            using var scope = NewDisposeScope();
            net.zero_grad();
            var loss = nn.functional.mse_loss(net.forward(x), target);
            loss.backward();
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

    private static (Dictionary<string, double> Micros, string Version) RunPeer(int threads)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peer.py");
        var start = new ProcessStartInfo(PeerPython, [script, threads.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var results = new Dictionary<string, double>();
        var version = "not found";
        while (process.StandardOutput.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts[0] == "torch") version = parts[1];
            else results[parts[0]] = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        process.WaitForExit();
        if (process.ExitCode != 0) Console.Error.WriteLine("python peer failed: install python3-torch (apt-get install python3-torch)");
        return (results, version);
    }
}
