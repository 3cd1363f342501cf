using System.Runtime.InteropServices;

namespace A3C.LibTorch.Native;

/// <summary>Owns one native <c>at::Tensor</c>; releasing it drops libtorch's reference.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.a3c_tensor_free(handle);
        return true;
    }
}

/// <summary>Owns one native random-number generator.</summary>
internal sealed class GeneratorHandle : SafeHandle
{
    public GeneratorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.a3c_generator_free(handle);
        return true;
    }
}

/// <summary>Owns one native optimizer (its hyperparameters and per-parameter state).</summary>
internal sealed class OptimizerHandle : SafeHandle
{
    public OptimizerHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.a3c_optim_free(handle);
        return true;
    }
}
