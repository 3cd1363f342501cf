using A3C.LibTorch.Native;

namespace A3C.LibTorch.Nn;

/// <summary>
/// Parameter initialisers, in place, computed by libtorch's torch::nn::init so they match PyTorch's.
/// They draw from libtorch's default generator: seed it with <see cref="Torch.ManualSeed"/> first.
/// </summary>
public static class Init
{
    public static Tensor Orthogonal(Tensor tensor, double gain = 1) => Apply(tensor, InitKind.Orthogonal, gain, 0);
    public static Tensor XavierUniform(Tensor tensor, double gain = 1) => Apply(tensor, InitKind.XavierUniform, gain, 0);
    public static Tensor XavierNormal(Tensor tensor, double gain = 1) => Apply(tensor, InitKind.XavierNormal, gain, 0);

    /// <summary>Kaiming-uniform with negative slope <paramref name="a"/> (fan-in, leaky-ReLU gain).</summary>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0) => Apply(tensor, InitKind.KaimingUniform, a, 0);

    public static Tensor Uniform(Tensor tensor, double low, double high) => Apply(tensor, InitKind.Uniform, low, high);
    public static Tensor Normal(Tensor tensor, double mean, double std) => Apply(tensor, InitKind.Normal, mean, std);
    public static Tensor Constant(Tensor tensor, double value) => Apply(tensor, InitKind.Constant, value, 0);
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0);

    private static Tensor Apply(Tensor tensor, InitKind kind, double a, double b)
    {
        NativeMethods.Check(NativeMethods.a3c_init_(tensor.Handle, (int)kind, a, b));
        return tensor;
    }
}
