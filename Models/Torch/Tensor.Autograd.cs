using A3C.LibTorch.Native;

namespace A3C.LibTorch;

// Gradients.
public sealed partial class Tensor
{
    /// <summary>Accumulates the gradient of this (scalar) tensor into the leaves that require grad.</summary>
    public void Backward() => NativeMethods.Check(NativeMethods.a3c_backward(Handle, IntPtr.Zero));

    /// <summary>Backpropagates <paramref name="gradient"/>, the gradient with respect to this tensor.</summary>
    public void Backward(Tensor gradient)
    {
        NativeMethods.Check(NativeMethods.a3c_backward(Handle, gradient.Handle.DangerousGetHandle()));
        GC.KeepAlive(gradient);
    }

    /// <summary>The accumulated gradient, or null before any backward pass reached this tensor.</summary>
    public Tensor? Grad
    {
        get
        {
            var handle = NativeMethods.a3c_grad(Handle);
            return handle.IsInvalid ? null : new Tensor(handle);
        }
    }

    /// <summary>A tensor sharing this one's memory but cut from the autograd graph.</summary>
    public Tensor Detach() => new(NativeMethods.a3c_detach(Handle));
}
