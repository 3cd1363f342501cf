using A3C.LibTorch;
using A3C.LibTorch.Nn;

namespace A3C.Models.Tests.LibTorch;

/// <summary>
/// Autograd's gradients against central finite differences, in float64, for every differentiable
/// op the algorithms use.
/// </summary>
public sealed class GradientCheckTests
{
    private const double Step = 1e-6;

    public static TheoryData<string> Ops =>
    [
        "exp", "log", "tanh", "relu", "sigmoid", "softplus", "pow3", "sqrt", "abs", "clamp", "softmax", "log_softmax",
        "matmul", "mse", "smooth_l1", "gather", "mean", "max", "div", "sub_mul", "logsumexp", "std",
    ];

    private static Tensor Apply(string op, Tensor x)
    {
        // x is 2x3 with entries in (0.2, 1.8), away from kinks, so every op is smooth there.
        using var scope = Torch.NewDisposeScope();
        var constant = Torch.FromArray(new[] { 0.3, -0.7, 1.1, 0.4, 0.9, -1.3 }, 2, 3);
        var result = op switch
        {
            "exp" => x.Exp().Sum(),
            "log" => x.Log().Sum(),
            "tanh" => x.Tanh().Sum(),
            "relu" => (x - 1).Relu().Sum(),
            "sigmoid" => x.Sigmoid().Sum(),
            "softplus" => x.Softplus().Sum(),
            "pow3" => x.Pow(3).Sum(),
            "sqrt" => x.Sqrt().Sum(),
            "abs" => (x - 1).Abs().Sum(),
            "clamp" => x.Clamp(0.5, 1.5).Sum(),
            "softmax" => (x.Softmax(1) * constant).Sum(),
            "log_softmax" => (x.LogSoftmax(1) * constant).Sum(),
            "matmul" => x.MatMul(constant.Transpose(0, 1)).Square().Sum(),
            "mse" => Functional.MseLoss(x, constant),
            "smooth_l1" => Functional.SmoothL1Loss(x, constant * 0.5),
            "gather" => x.Gather(1, Torch.FromArray(new long[] { 2, 0 }, 2, 1)).Square().Sum(),
            "mean" => (x * constant).Mean(),
            "max" => x.Max(1).Sum(),
            "div" => (constant / x).Sum(),
            "sub_mul" => ((x - constant) * (x + 2)).Sum(),
            "logsumexp" => x.LogSumExp(1).Sum(),
            "std" => x.Std(),
            _ => throw new ArgumentException(op),
        };
        return result.MoveToOuterDisposeScope();
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void Autograd_matches_finite_differences(string op)
    {
        using var scope = Torch.NewDisposeScope();
        // Distinct values (no ties for max and clamp, away from 1.0 and the clamp bounds).
        double[] point = [0.23, 0.71, 1.37, 1.12, 0.58, 1.79];
        var x = Torch.FromArray(point, 2, 3);
        x.RequiresGrad = true;
        Apply(op, x).Backward();
        var analytic = x.Grad!.ToArray<double>();

        for (var i = 0; i < point.Length; i++)
        {
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[i] += Step;
            minus[i] -= Step;
            var numeric = (Apply(op, Torch.FromArray(plus, 2, 3)).ToDouble() - Apply(op, Torch.FromArray(minus, 2, 3)).ToDouble()) / (2 * Step);
            Assert.True(Math.Abs(numeric - analytic[i]) < 1e-5 * Math.Max(1, Math.Abs(numeric)),
                $"{op}: d/dx[{i}] autograd {analytic[i]} vs finite difference {numeric}");
        }
    }

    [Fact]
    public void Reparameterised_normal_samples_carry_gradients_to_mean_and_std()
    {
        using var scope = Torch.NewDisposeScope();
        using var generator = new Generator(7);
        var mean = Torch.Zeros([3], ScalarType.Float64);
        var std = Torch.Ones([3], ScalarType.Float64);
        mean.RequiresGrad = true;
        std.RequiresGrad = true;
        var sample = Torch.Normal(mean, std, generator);
        sample.Sum().Backward();
        // d(mean + std * eps)/d mean = 1 and /d std = eps = the sample itself here (mean 0, std 1).
        Assert.Equal([1.0, 1.0, 1.0], mean.Grad!.ToArray<double>());
        Assert.Equal(sample.Detach().ToArray<double>(), std.Grad!.ToArray<double>());
    }

    [Fact]
    public void NoGrad_records_no_graph_and_Detach_cuts_it()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Ones(2);
        x.RequiresGrad = true;
        using (Torch.NoGrad()) Assert.False((x * 2).RequiresGrad);
        Assert.True((x * 2).RequiresGrad);
        Assert.False((x * 2).Detach().RequiresGrad);
    }
}
