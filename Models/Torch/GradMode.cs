using A3C.LibTorch.Native;

namespace A3C.LibTorch;

/// <summary>
/// Turns gradient recording off (or on) for the calling thread until disposed, restoring the
/// previous mode: <c>using (Torch.NoGrad()) { ... }</c>, as PyTorch's <c>torch.no_grad()</c>.
/// </summary>
public readonly struct GradMode : IDisposable
{
    private readonly bool _previous;

    internal GradMode(bool enabled) => _previous = NativeMethods.a3c_set_grad_enabled(enabled ? 1 : 0) != 0;

    public void Dispose() => NativeMethods.a3c_set_grad_enabled(_previous ? 1 : 0);
}
