using A3C.LibTorch;
using A3C.LibTorch.Nn;

namespace A3C.Models.Tests.LibTorch;

public sealed class TensorOpsTests
{
    private static Tensor T(float[] data, params long[] shape) => Torch.FromArray(data, shape);

    private static void Equal(float[] expected, Tensor actual, float tolerance = 1e-6f)
    {
        var values = actual.To(ScalarType.Float32).ToArray<float>();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++) Assert.InRange(values[i], expected[i] - tolerance, expected[i] + tolerance);
    }

    [Fact]
    public void Arithmetic_broadcasts_rows_against_columns()
    {
        using var scope = Torch.NewDisposeScope();
        var column = T([1, 2], 2, 1);
        var row = T([10, 20, 30], 1, 3);
        var sum = column + row;
        Assert.Equal([2L, 3L], sum.Shape);
        Equal([11, 21, 31, 12, 22, 32], sum);
        Equal([-9, -19, -29, -8, -18, -28], column - row);
        Equal([10, 20, 30, 20, 40, 60], column * row);
        Equal([0.5f, 1f], column / 2);
        Equal([9, 8], 10 - column);
        Equal([0.5f, 0.25f], 0.5 / column);
        Equal([-1, -2], -column);
    }

    [Fact]
    public void Elementwise_functions_match_their_definitions()
    {
        using var scope = Torch.NewDisposeScope();
        var x = T([-2f, -0.5f, 0.25f, 3f], 4);
        var d = x.ToArray<float>();
        Equal(d.Select(v => MathF.Exp(v)).ToArray(), x.Exp(), 1e-5f);
        Equal(d.Select(MathF.Tanh).ToArray(), x.Tanh());
        Equal(d.Select(v => Math.Max(v, 0)).ToArray(), x.Relu());
        Equal(d.Select(v => 1 / (1 + MathF.Exp(-v))).ToArray(), x.Sigmoid());
        Equal(d.Select(v => MathF.Log(1 + MathF.Exp(v))).ToArray(), x.Softplus(), 1e-5f);
        Equal(d.Select(MathF.Abs).ToArray(), x.Abs());
        Equal(d.Select(v => v * v).ToArray(), x.Pow(2));
        Equal([MathF.Log(0.25f), MathF.Log(3f)], x.Slice(0, 2, 4).Log());
        Equal([0.5f, MathF.Sqrt(3f)], x.Slice(0, 2, 4).Sqrt());
        Equal([-1f, -0.5f, 0.25f, 1f], x.Clamp(-1, 1));
        Equal([0.25f, 3f], x.Clamp(min: 0.1).Slice(0, 2, 4));
        Equal([-2f, -0.5f, 0.25f, 0.5f], x.Minimum(T([0.5f, 0.5f, 0.5f, 0.5f], 4)));
        Equal([0f, 0f, 0.25f, 3f], x.Maximum(Torch.Zeros(4)));
    }

    [Fact]
    public void Reductions_over_all_elements_and_along_a_dimension()
    {
        using var scope = Torch.NewDisposeScope();
        var m = T([1, 5, 3, 4, 2, 6], 2, 3);
        Assert.Equal(21, m.Sum().ToDouble());
        Assert.Equal(3.5, m.Mean().ToDouble(), 6);
        Assert.Equal(6, m.Max().ToDouble());
        Equal([5, 7, 9], m.Sum(0));
        Equal([3, 4], m.Mean(1));
        Equal([5, 6], m.Max(1));
        Assert.Equal([2L, 1L], m.Max(1, keepDim: true).Shape);
        Assert.Equal([1L, 2L], m.ArgMax(1).ToArray<long>());
        // Var with Bessel's correction: row 0 = {1,5,3}, mean 3, squared deviations 4+4+0, / 2 = 4.
        Equal([4, 4], m.Var(1));
    }

    [Fact]
    public void Softmax_and_log_softmax_normalise_along_the_dimension()
    {
        using var scope = Torch.NewDisposeScope();
        var logits = T([1, 2, 3, 1, 1, 1], 2, 3);
        var z = MathF.Exp(1) + MathF.Exp(2) + MathF.Exp(3);
        Equal([MathF.Exp(1) / z, MathF.Exp(2) / z, MathF.Exp(3) / z, 1 / 3f, 1 / 3f, 1 / 3f], logits.Softmax(1));
        Equal([1 - MathF.Log(z), 2 - MathF.Log(z), 3 - MathF.Log(z)], logits.LogSoftmax(1)[0], 1e-5f);
    }

    [Fact]
    public void Matmul_gather_index_select_and_masks()
    {
        using var scope = Torch.NewDisposeScope();
        var a = T([1, 2, 3, 4], 2, 2);
        var b = T([5, 6, 7, 8], 2, 2);
        Equal([19, 22, 43, 50], a.MatMul(b));

        var probs = T([0.1f, 0.9f, 0.7f, 0.3f], 2, 2);
        var actions = Torch.FromArray(new long[] { 1, 0 }, 2, 1);
        Equal([0.9f, 0.7f], probs.Gather(1, actions).Squeeze(1));
        Equal([0.7f, 0.3f], probs.IndexSelect(0, Torch.FromArray(new long[] { 1 }, 1)));

        var mask = a > 2;
        Assert.Equal([false, false, true, true], mask.ToArray<bool>());
        Equal([1, 2, 0, 0], a.MaskedFill(mask, 0));
        Equal([3, 4], a.MaskedSelect(mask));
        Equal([1, 2, 7, 8], Torch.Where(mask, b, a));
        Equal([0, 1, 1, 0], actions.Squeeze(1).OneHot(2).To(ScalarType.Float32).Flatten());
    }

    [Fact]
    public void Shape_operations_keep_element_order()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Arange(0, 6, dtype: ScalarType.Float32);
        var m = x.Reshape(2, 3);
        Equal([0, 3, 1, 4, 2, 5], m.Transpose(0, 1).Contiguous());
        Assert.Equal([1L, 2L, 3L], m.Unsqueeze(0).Shape);
        Assert.Equal([2L, 3L], m.Unsqueeze(0).Squeeze().Shape);
        Assert.Equal([6L], m.Flatten().Shape);
        Equal([1, 4], m.Select(1, 1));
        Equal([0, 2, 3, 5], m.Slice(1, 0, 3, step: 2));
        Equal([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], Torch.Cat([m, m], 0));
        Assert.Equal([2L, 2L, 3L], Torch.Stack([m, m], 0).Shape);
        Assert.Equal([4L, 3L], m.Expand(2, 2, 3).Reshape(4, 3).Shape);
    }

    [Fact]
    public void Losses_match_their_definitions()
    {
        using var scope = Torch.NewDisposeScope();
        var input = T([0, 0.5f, 3], 3);
        var target = T([0, 0, 0], 3);
        Assert.Equal((0 + 0.25 + 9) / 3, Functional.MseLoss(input, target).ToDouble(), 6);
        // Smooth L1 with beta 1: 0.5 x^2 below 1, |x| - 0.5 above.
        Assert.Equal((0 + 0.125 + 2.5) / 3, Functional.SmoothL1Loss(input, target).ToDouble(), 6);
        Assert.Equal(0 + 0.125 + 2.5, Functional.SmoothL1Loss(input, target, Reduction.Sum).ToDouble(), 6);
    }

    [Fact]
    public void Data_moves_in_and_out_of_managed_memory_without_surprises()
    {
        using var scope = Torch.NewDisposeScope();
        var t = Torch.Zeros(2, 2);
        t.CopyFrom<float>([1, 2, 3, 4]);
        var span = t.AsSpan<float>();
        span[3] = 40; // a view onto libtorch's memory: writes show in the tensor
        Equal([1, 2, 3, 40], t);
        Assert.Equal(40f, t[1][1].ToSingle());
        var bytes = Torch.FromArray(new byte[] { 0, 255 }, 2);
        Assert.Equal(ScalarType.UInt8, bytes.Dtype);
        Assert.Equal([0.0, 255.0], bytes.To(ScalarType.Float64).ToArray<double>());
    }
}
