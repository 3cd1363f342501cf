using System.CommandLine;
using static TorchSharp.torch;

namespace A3C.Host.Commands;

/// <summary>
/// <c>a3c smoke</c>: trains a tiny network on XOR through TorchSharp, to check that an
/// installation works end to end (native library loaded, autograd and optimizer running).
/// </summary>
public static class SmokeCommand
{
    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Adam steps to take", DefaultValueFactory = _ => 500 };
        var command = new Command("smoke", "Train a tiny network on XOR to check the installation") { steps };
        command.SetAction(result => Run(result.GetValue(steps)));
        return command;
    }

    private static int Run(int steps)
    {
        random.manual_seed(1);
        using var net = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 1));
        using var adam = optim.Adam(net.parameters(), lr: 0.05);
        using var inputs = tensor(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, [4, 2]);
        using var targets = tensor(new float[] { 0, 1, 1, 0 }, [4, 1]);
        var loss = double.NaN;
        for (var step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            var error = nn.functional.mse_loss(net.forward(inputs), targets);
            error.backward();
            adam.step();
            loss = error.item<float>();
            if (step % 100 == 0) Console.WriteLine($"step {step,5}  loss {loss:F6}");
        }
        var solved = loss < 0.01;
        Console.WriteLine(solved ? "XOR learned: TorchSharp works." : $"XOR not learned (loss {loss:F4}).");
        return solved ? 0 : 1;
    }
}
