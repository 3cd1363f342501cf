using A3C.LibTorch.Native;

namespace A3C.LibTorch.Optim;

/// <summary>
/// Updates parameters from their gradients. The update rules run natively, one call per step;
/// the state lives in tensors that <see cref="GetState"/> and <see cref="SetState"/> move bit-exactly.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly OptimizerHandle _handle;

    private protected unsafe Optimizer(IReadOnlyList<Tensor> parameters, OptimizerKind kind, double lr, double beta1OrAlpha,
        double beta2, double eps, double weightDecay, double momentum, bool centered)
    {
        Parameters = parameters;
        using var handles = new HandleArray(parameters);
        fixed (IntPtr* p = handles.Pointers)
            _handle = NativeMethods.Check(NativeMethods.a3c_optim_new(
                (int)kind, p, handles.Count, lr, beta1OrAlpha, beta2, eps, weightDecay, momentum, centered ? 1 : 0));
    }

    public IReadOnlyList<Tensor> Parameters { get; }

    public double LearningRate
    {
        get => NativeMethods.a3c_optim_get_lr(_handle);
        set => NativeMethods.a3c_optim_set_lr(_handle, value);
    }

    /// <summary>Applies one update from the current gradients (parameters without a gradient are skipped).</summary>
    public void Step() => NativeMethods.Check(NativeMethods.a3c_optim_step(_handle));

    /// <summary>
    /// Clips the gradients to a joint L2 norm of <paramref name="maxNorm"/> and steps, in one native
    /// call. Returns the norm before clipping, or null when it is not finite: then neither the
    /// gradients, the parameters nor the state are touched.
    /// </summary>
    public double? ClipGradNormAndStep(double maxNorm)
    {
        NativeMethods.Check(NativeMethods.a3c_optim_clip_step(_handle, maxNorm, out var norm));
        return double.IsFinite(norm) ? norm : null;
    }

    public void ZeroGrad() => Nn.Gradients.Zero(Parameters);

    /// <summary>
    /// Copies of the state: per parameter a step counter followed by the rule's buffers. The caller
    /// owns the returned tensors.
    /// </summary>
    public unsafe IReadOnlyList<Tensor> GetState()
    {
        var count = NativeMethods.a3c_optim_state_size(_handle);
        var raw = new IntPtr[count];
        fixed (IntPtr* p = raw) NativeMethods.Check(NativeMethods.a3c_optim_state_get(_handle, p));
        return raw.Select(Adopt).ToArray();
    }

    /// <summary>How many entries <see cref="GetState"/> lists per parameter: the step counter, then the rule's buffers.</summary>
    internal int StateEntriesPerParameter => checked((int)(NativeMethods.a3c_optim_state_size(_handle) / Parameters.Count));

    /// <summary>
    /// Copies the state straight into host memory, without a tensor per entry: entry k of
    /// <see cref="GetState"/>'s layout (a step counter as one double, or a buffer shaped like its
    /// parameter) goes to <paramref name="destinations"/>[k], which holds exactly <paramref name="bytes"/>[k] bytes.
    /// </summary>
    internal unsafe void CopyStateTo(byte*[] destinations, long[] bytes)
    {
        if (destinations.Length != bytes.Length) throw new ArgumentException("one size per destination expected", nameof(bytes));
        fixed (byte** d = destinations)
        fixed (long* b = bytes)
            NativeMethods.Check(NativeMethods.a3c_optim_state_copy_to(_handle, d, b, destinations.Length));
    }

    /// <summary>Restores a state taken from an optimizer of the same kind over parameters of the same shapes.</summary>
    public unsafe void SetState(IReadOnlyList<Tensor> state)
    {
        using var handles = new HandleArray(state);
        fixed (IntPtr* p = handles.Pointers) NativeMethods.Check(NativeMethods.a3c_optim_state_set(_handle, p, handles.Count));
    }

    public void Dispose()
    {
        _handle.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Tensor Adopt(IntPtr raw)
    {
        var handle = new TensorHandle();
        System.Runtime.InteropServices.Marshal.InitHandle(handle, raw);
        return new Tensor(handle).DetachFromDisposeScope();
    }
}
