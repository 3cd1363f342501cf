using System.CommandLine;
using A3C.LibTorch;
using A3C.LibTorch.Nn;
using A3C.LibTorch.Optim;

namespace A3C.Host.Commands;

/// <summary>
/// <c>a3c smoke</c>: trains a tiny network on XOR through the libtorch binding, to check that an
/// installation works end to end (native library found, autograd and optimizer running).
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
        Torch.ManualSeed(1);
        using var net = new Sequential(new Linear(2, 16), new Tanh(), new Linear(16, 1));
        using var adam = new Adam(net.Parameters(), lr: 0.05);
        using var inputs = Torch.FromArray(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2);
        using var targets = Torch.FromArray(new float[] { 0, 1, 1, 0 }, 4, 1);
        var loss = double.NaN;
        for (var step = 1; step <= steps; step++)
        {
            using var scope = Torch.NewDisposeScope();
            adam.ZeroGrad();
            var error = Functional.MseLoss(net.Forward(inputs), targets);
            error.Backward();
            adam.Step();
            loss = error.ToDouble();
            if (step % 100 == 0) Console.WriteLine($"step {step,5}  loss {loss:F6}");
        }
        var solved = loss < 0.01;
        Console.WriteLine(solved ? "XOR learned: the libtorch binding works." : $"XOR not learned (loss {loss:F4}).");
        return solved ? 0 : 1;
    }
}
