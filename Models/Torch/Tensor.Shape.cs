using A3C.LibTorch.Native;

namespace A3C.LibTorch;

// Reshaping, joining and moving between dtypes and devices.
public sealed partial class Tensor
{
    public unsafe Tensor Reshape(params long[] shape)
    {
        fixed (long* p = shape) return new(NativeMethods.a3c_reshape(Handle, p, shape.Length));
    }

    /// <summary>A view with another shape over the same memory (fails when the memory layout forbids it).</summary>
    public unsafe Tensor View(params long[] shape)
    {
        fixed (long* p = shape) return new(NativeMethods.a3c_view(Handle, p, shape.Length));
    }

    public unsafe Tensor Expand(params long[] shape)
    {
        fixed (long* p = shape) return new(NativeMethods.a3c_expand(Handle, p, shape.Length));
    }

    public unsafe Tensor Permute(params long[] dims)
    {
        fixed (long* p = dims) return new(NativeMethods.a3c_permute(Handle, p, dims.Length));
    }

    public Tensor Transpose(int dim0, int dim1) => new(NativeMethods.a3c_transpose(Handle, dim0, dim1));

    /// <summary>Removes every dimension of size one.</summary>
    public Tensor Squeeze() => new(NativeMethods.a3c_squeeze(Handle, 0, all: 1));

    /// <summary>Removes dimension <paramref name="dim"/> if its size is one.</summary>
    public Tensor Squeeze(int dim) => new(NativeMethods.a3c_squeeze(Handle, dim, all: 0));

    public Tensor Unsqueeze(int dim) => new(NativeMethods.a3c_unsqueeze(Handle, dim));

    public Tensor Flatten(int startDim = 0, int endDim = -1) => new(NativeMethods.a3c_flatten(Handle, startDim, endDim));

    public Tensor Contiguous() => new(NativeMethods.a3c_contiguous(Handle));

    public Tensor Clone() => new(NativeMethods.a3c_clone(Handle));

    public Tensor To(ScalarType dtype) => new(NativeMethods.a3c_to(Handle, (int)dtype, (int)Device.Type, Device.Index, copy: 0));

    public Tensor To(Device device) => new(NativeMethods.a3c_to(Handle, (int)Dtype, (int)device.Type, device.Index, copy: 0));

    public Tensor To(ScalarType dtype, Device device) => new(NativeMethods.a3c_to(Handle, (int)dtype, (int)device.Type, device.Index, copy: 0));

    public Tensor Cpu() => To(Device.Cpu);
}
