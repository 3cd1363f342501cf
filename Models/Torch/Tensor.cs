using System.Runtime.InteropServices;
using A3C.LibTorch.Native;

namespace A3C.LibTorch;

/// <summary>
/// A libtorch tensor. The native memory is owned through a <see cref="SafeHandle"/>: dispose the
/// tensor (or the <see cref="DisposeScope"/> it was created in) to release it deterministically.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    internal Tensor(TensorHandle handle)
    {
        Handle = NativeMethods.Check(handle);
        DisposeScope.Current?.Adopt(this);
    }

    internal TensorHandle Handle { get; }

    /// <summary>The dispose scope that will free this tensor, or null when its owner frees it.</summary>
    internal DisposeScope? Scope { get; set; }

    public bool IsDisposed => Handle.IsClosed;

    public int Dim => (int)NativeMethods.a3c_ndim(Handle);

    public unsafe long[] Shape
    {
        get
        {
            var shape = new long[Dim];
            fixed (long* p = shape) NativeMethods.a3c_shape(Handle, p);
            return shape;
        }
    }

    /// <summary>The size of one dimension (negative counts from the end).</summary>
    public long Size(int dim)
    {
        var shape = Shape;
        return shape[dim < 0 ? shape.Length + dim : dim];
    }

    public long NumberOfElements => NativeMethods.a3c_numel(Handle);

    public ScalarType Dtype => (ScalarType)NativeMethods.a3c_dtype(Handle);

    public Device Device => new((DeviceType)NativeMethods.a3c_device_type(Handle), NativeMethods.a3c_device_index(Handle));

    public bool IsContiguous => NativeMethods.a3c_is_contiguous(Handle) != 0;

    public bool RequiresGrad
    {
        get => NativeMethods.a3c_requires_grad(Handle) != 0;
        set => NativeMethods.Check(NativeMethods.a3c_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>Takes the tensor out of its dispose scope: the caller now owns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Scope = null;
        return this;
    }

    /// <summary>Hands the tensor to the scope enclosing its current one (or to the caller if none).</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        var outer = Scope?.Outer;
        Scope = null;
        outer?.Adopt(this);
        return this;
    }

    public void Dispose() => Handle.Dispose();

    public override string ToString()
    {
        var text = NativeMethods.a3c_to_string(Handle);
        if (text == IntPtr.Zero) return $"Tensor[{string.Join(", ", Shape)}] {Dtype} on {Device}";
        try
        {
            return Marshal.PtrToStringUTF8(text) ?? string.Empty;
        }
        finally
        {
            NativeMethods.a3c_string_free(text);
        }
    }
}
