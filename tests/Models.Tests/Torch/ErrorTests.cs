using A3C.LibTorch;

namespace A3C.Models.Tests.LibTorch;

/// <summary>libtorch's errors arrive as managed exceptions with libtorch's message; the process lives on.</summary>
public sealed class ErrorTests
{
    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        using var scope = Torch.NewDisposeScope();
        var a = Torch.Zeros(2, 3);
        var b = Torch.Zeros(4, 5);
        var error = Assert.Throws<TorchException>(() => a.MatMul(b));
        Assert.Contains("2x3", error.Message);
        Assert.Contains("4x5", error.Message);
        Assert.DoesNotContain("frame #", error.Message); // no C++ backtrace noise
        // The binding still works after the error.
        Assert.Equal(6, (a + 1).Sum().ToDouble());
    }

    [Fact]
    public void Broadcast_mismatch_is_an_error_not_a_crash()
    {
        using var scope = Torch.NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => Torch.Zeros(3) + Torch.Zeros(4));
        Assert.Contains("size of tensor a (3) must match the size of tensor b (4)", error.Message);
    }

    [Fact]
    public void Reading_elements_as_the_wrong_type_says_which_types()
    {
        using var scope = Torch.NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => Torch.Zeros(2).ToArray<long>());
        Assert.Contains("Float32", error.Message);
        Assert.Contains("Int64", error.Message);
    }

    [Fact]
    public void Gather_with_a_float_index_reports_the_dtype()
    {
        using var scope = Torch.NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => Torch.Zeros(2, 2).Gather(1, Torch.Zeros(2, 1)));
        Assert.Contains("int64", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Copy_with_a_wrong_sized_buffer_is_refused()
    {
        using var scope = Torch.NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => Torch.Zeros(4).CopyFrom<float>([1, 2, 3]));
        Assert.Contains("16 bytes", error.Message);
        Assert.Contains("12", error.Message);
    }

    [Fact]
    public void Asking_for_cuda_without_it_is_a_clear_error()
    {
        if (Torch.CudaIsAvailable) return; // only meaningful on a CPU-only libtorch
        var error = Assert.Throws<TorchException>(() => Torch.RequireDevice(Device.Parse("cuda:0")));
        Assert.Contains("cuda:0", error.Message);
        Assert.Contains("no usable CUDA", error.Message);
    }

    [Fact]
    public void Device_names_parse_as_pytorch_spells_them()
    {
        Assert.Equal(Device.Cpu, Device.Parse("cpu"));
        Assert.Equal(Device.Cuda(1), Device.Parse("CUDA:1"));
        Assert.Throws<FormatException>(() => Device.Parse("gpu"));
    }
}
