using System.Runtime.InteropServices;
using A3C.LibTorch.Native;

namespace A3C.LibTorch;

// Moving elements between tensors and managed memory: one memcpy each way, or none with AsSpan.
public sealed partial class Tensor
{
    public T[] ToArray<T>() where T : unmanaged
    {
        var data = new T[NumberOfElements];
        CopyTo<T>(data);
        return data;
    }

    /// <summary>Copies every element (from any device or layout) into <paramref name="destination"/>.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        CheckElementType<T>();
        fixed (T* p = destination)
            NativeMethods.Check(NativeMethods.a3c_copy_to(Handle, p, (nuint)(destination.Length * sizeof(T))));
    }

    /// <summary>Overwrites every element from <paramref name="source"/>, keeping this tensor's identity.</summary>
    public unsafe Tensor CopyFrom<T>(ReadOnlySpan<T> source) where T : unmanaged
    {
        CheckElementType<T>();
        fixed (T* p = source)
            NativeMethods.Check(NativeMethods.a3c_copy_from(Handle, p, (nuint)(source.Length * sizeof(T))));
        return this;
    }

    /// <summary>
    /// The elements of a contiguous CPU tensor as a span over libtorch's memory, without a copy.
    /// The span is valid only while the tensor is alive and not resized.
    /// </summary>
    public unsafe Span<T> AsSpan<T>() where T : unmanaged
    {
        CheckElementType<T>();
        var data = NativeMethods.a3c_data_ptr(Handle);
        if (data == IntPtr.Zero) NativeMethods.Check(-1);
        return new Span<T>((void*)data, checked((int)NumberOfElements));
    }

    /// <summary>The value of a one-element tensor.</summary>
    public double ToDouble()
    {
        NativeMethods.Check(NativeMethods.a3c_item(Handle, out var value));
        return value;
    }

    public float ToSingle() => (float)ToDouble();

    public long ToInt64() => (long)ToDouble();

    public bool ToBoolean() => ToDouble() != 0;

    private void CheckElementType<T>() where T : unmanaged
    {
        var expected = ScalarTypes.Of<T>();
        if (Dtype != expected)
            throw new TorchException($"tensor holds {Dtype} elements, not {typeof(T).Name} ({expected}); convert it with To({expected}) first");
    }
}
