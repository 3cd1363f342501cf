using A3C.LibTorch.Native;

namespace A3C.LibTorch.Nn;

/// <summary>Copies between a parameter list (values or gradients) and one flat float32 buffer.</summary>
internal static class FlatBuffers
{
    public static unsafe void Export(IReadOnlyList<Tensor> parameters, FlatPart part, Span<float> destination)
    {
        using var handles = new HandleArray(parameters);
        fixed (IntPtr* p = handles.Pointers)
        fixed (float* d = destination)
            NativeMethods.Check(NativeMethods.a3c_params_to_flat(p, handles.Count, (int)part, d, (nuint)destination.Length));
    }

    public static unsafe void Import(IReadOnlyList<Tensor> parameters, FlatPart part, ReadOnlySpan<float> source)
    {
        using var handles = new HandleArray(parameters);
        fixed (IntPtr* p = handles.Pointers)
        fixed (float* s = source)
            NativeMethods.Check(NativeMethods.a3c_params_from_flat(p, handles.Count, (int)part, s, (nuint)source.Length));
    }
}
