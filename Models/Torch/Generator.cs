using A3C.LibTorch.Native;

namespace A3C.LibTorch;

/// <summary>
/// A private random-number stream. Each actor draws from its own generator, so runs are
/// reproducible whatever the threads do, and the state can be saved in a checkpoint.
/// </summary>
public sealed class Generator : IDisposable
{
    private readonly GeneratorHandle _handle;

    public Generator(ulong seed) => _handle = NativeMethods.Check(NativeMethods.a3c_generator_new(seed));

    /// <summary>The full generator state, to save in a checkpoint.</summary>
    public byte[] GetState()
    {
        using var state = new Tensor(NativeMethods.a3c_generator_get_state(_handle)).DetachFromDisposeScope();
        return state.ToArray<byte>();
    }

    public void SetState(byte[] state)
    {
        using var tensor = Torch.FromArray(state, state.Length).DetachFromDisposeScope();
        NativeMethods.Check(NativeMethods.a3c_generator_set_state(_handle, tensor.Handle));
    }

    internal static IntPtr Raw(Generator? generator) => generator?._handle.DangerousGetHandle() ?? IntPtr.Zero;

    public void Dispose() => _handle.Dispose();
}
