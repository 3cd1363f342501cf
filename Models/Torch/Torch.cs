using A3C.LibTorch.Native;

namespace A3C.LibTorch;

/// <summary>
/// Creating tensors and the process-wide libtorch settings, shaped like PyTorch's <c>torch</c>
/// module: <c>Torch.Zeros(2, 3)</c>, <c>Torch.FromArray(data, 4, 2)</c>, <c>Torch.NoGrad()</c>.
/// </summary>
public static class Torch
{
    // ---- scopes ----

    /// <summary>Opens a scope that frees the tensors created on this thread when disposed.</summary>
    public static DisposeScope NewDisposeScope() => DisposeScope.Open();

    /// <summary>Stops recording gradients on this thread until disposed.</summary>
    public static GradMode NoGrad() => new(enabled: false);

    /// <summary>Records gradients on this thread until disposed (inside a NoGrad region, say).</summary>
    public static GradMode EnableGrad() => new(enabled: true);

    // ---- creation ----

    public static unsafe Tensor Empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var where = device ?? Device.Cpu;
        fixed (long* p = shape) return new(NativeMethods.a3c_empty(p, shape.Length, (int)dtype, (int)where.Type, where.Index));
    }

    public static Tensor Zeros(params long[] shape) => Full(shape, 0);

    public static Tensor Zeros(long[] shape, ScalarType dtype, Device? device = null) => Full(shape, 0, dtype, device);

    public static Tensor Ones(params long[] shape) => Full(shape, 1);

    public static Tensor Ones(long[] shape, ScalarType dtype, Device? device = null) => Full(shape, 1, dtype, device);

    public static unsafe Tensor Full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var where = device ?? Device.Cpu;
        fixed (long* p = shape)
            return new(NativeMethods.a3c_full(p, shape.Length, value, (int)dtype, (int)where.Type, where.Index));
    }

    /// <summary>A 0-d tensor holding one value.</summary>
    public static Tensor Scalar(double value, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Full([], value, dtype, device);

    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var where = device ?? Device.Cpu;
        return new(NativeMethods.a3c_arange(start, end, step, (int)dtype, (int)where.Type, where.Index));
    }

    public static Tensor ZerosLike(Tensor other) => Zeros(other.Shape, other.Dtype, other.Device);

    /// <summary>A CPU tensor of the given shape holding a copy of <paramref name="data"/> (one memcpy).</summary>
    public static unsafe Tensor FromArray<T>(ReadOnlySpan<T> data, params long[] shape) where T : unmanaged
    {
        fixed (T* source = data)
        fixed (long* dims = shape)
            return new(NativeMethods.a3c_from_data(source, (nuint)(data.Length * sizeof(T)), dims, shape.Length, (int)ScalarTypes.Of<T>()));
    }

    public static Tensor FromArray<T>(T[] data, params long[] shape) where T : unmanaged =>
        FromArray((ReadOnlySpan<T>)data, shape.Length == 0 ? [data.Length] : shape);

    // ---- joining and choosing ----

    public static unsafe Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        using var handles = new HandleArray(tensors);
        fixed (IntPtr* p = handles.Pointers) return new(NativeMethods.a3c_cat(p, handles.Count, dim));
    }

    public static unsafe Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        using var handles = new HandleArray(tensors);
        fixed (IntPtr* p = handles.Pointers) return new(NativeMethods.a3c_stack(p, handles.Count, dim));
    }

    /// <summary>Elements of <paramref name="a"/> where <paramref name="condition"/> holds, else of <paramref name="b"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) =>
        new(NativeMethods.a3c_where(condition.Handle, a.Handle, b.Handle));

    // ---- random numbers ----

    /// <summary>Seeds libtorch's default generator (used by initialisers and by calls without a generator).</summary>
    public static void ManualSeed(ulong seed) => NativeMethods.a3c_manual_seed(seed);

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor Rand(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Sample(shape, generator, dtype, device, normal: false);

    /// <summary>Standard normal samples.</summary>
    public static Tensor Randn(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Sample(shape, generator, dtype, device, normal: true);

    private static unsafe Tensor Sample(long[] shape, Generator? generator, ScalarType dtype, Device? device, bool normal)
    {
        var where = device ?? Device.Cpu;
        var raw = Generator.Raw(generator);
        Tensor result;
        fixed (long* p = shape)
            result = new(normal
                ? NativeMethods.a3c_randn(p, shape.Length, (int)dtype, (int)where.Type, where.Index, raw)
                : NativeMethods.a3c_rand(p, shape.Length, (int)dtype, (int)where.Type, where.Index, raw));
        GC.KeepAlive(generator);
        return result;
    }

    /// <summary>
    /// Reparameterised normal samples, mean + std * eps with eps ~ N(0, 1): gradients flow to
    /// <paramref name="mean"/> and <paramref name="std"/>, as in PyTorch's <c>Normal.rsample</c>.
    /// </summary>
    public static Tensor Normal(Tensor mean, Tensor std, Generator? generator = null)
    {
        using var noise = Randn(mean.Shape, generator, mean.Dtype, mean.Device);
        using var scaled = std * noise;
        return mean + scaled;
    }

    // ---- process-wide settings ----

    /// <summary>
    /// libtorch's intra-op threads. Many actors run small ops at once; one thread each avoids the
    /// oversubscription that makes small-network training several times slower.
    /// </summary>
    public static int IntraOpThreads
    {
        get => NativeMethods.a3c_get_num_threads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            NativeMethods.a3c_set_num_threads(value);
        }
    }

    public static bool CudaIsAvailable => NativeMethods.a3c_cuda_is_available() != 0;

    public static int CudaDeviceCount => NativeMethods.a3c_cuda_device_count();

    /// <summary>Checks that <paramref name="device"/> can be used by the loaded libtorch.</summary>
    public static Device RequireDevice(Device device)
    {
        if (device.IsCuda && !CudaIsAvailable)
            throw new TorchException(
                $"device {device} was asked for, but the loaded libtorch has no usable CUDA " +
                "(build the binding against a CUDA libtorch and run on a machine with an NVIDIA GPU, or use cpu)");
        if (device.IsCuda && device.Index >= CudaDeviceCount)
            throw new TorchException($"device {device} was asked for, but only {CudaDeviceCount} CUDA device(s) exist");
        return device;
    }
}
