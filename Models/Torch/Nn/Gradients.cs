using A3C.LibTorch.Native;

namespace A3C.LibTorch.Nn;

/// <summary>Operations over the gradients of a parameter list (clipping, zeroing, flat buffers).</summary>
public static class Gradients
{
    /// <summary>Drops every gradient (PyTorch's zero_grad with set_to_none).</summary>
    public static unsafe void Zero(IReadOnlyList<Tensor> parameters)
    {
        using var handles = new HandleArray(parameters);
        fixed (IntPtr* p = handles.Pointers) NativeMethods.Check(NativeMethods.a3c_zero_grad(p, handles.Count));
    }

    /// <summary>
    /// Scales the gradients so their joint L2 norm is at most <paramref name="maxNorm"/>, as
    /// clip_grad_norm_; returns the norm before clipping. A non-finite norm leaves them untouched.
    /// </summary>
    public static unsafe double ClipNorm(IReadOnlyList<Tensor> parameters, double maxNorm)
    {
        using var handles = new HandleArray(parameters);
        double norm;
        fixed (IntPtr* p = handles.Pointers) NativeMethods.Check(NativeMethods.a3c_clip_grad_norm(p, handles.Count, maxNorm, out norm));
        return norm;
    }

    /// <summary>Writes all gradients into one flat buffer (zeros where a parameter has none).</summary>
    public static void CopyTo(IReadOnlyList<Tensor> parameters, Span<float> destination) =>
        FlatBuffers.Export(parameters, FlatPart.Grad, destination);

    /// <summary>Sets all gradients from one flat buffer (how gradient packets are applied).</summary>
    public static void CopyFrom(IReadOnlyList<Tensor> parameters, ReadOnlySpan<float> source) =>
        FlatBuffers.Import(parameters, FlatPart.Grad, source);
}
