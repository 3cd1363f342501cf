using System.Runtime.InteropServices;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// All parameter values (or gradients) of a network as one flat float32 buffer, in parameter
/// order: the form in which weight snapshots and gradient packets travel between actors and nodes.
/// </summary>
public static class FlatParameters
{
    public static long Length(IReadOnlyList<Parameter> parameters) => parameters.Sum(p => p.numel());

    public static float[] Export(IReadOnlyList<Parameter> parameters)
    {
        var buffer = new float[Length(parameters)];
        CopyTo(parameters, buffer);
        return buffer;
    }

    /// <summary>Copies every parameter's values into <paramref name="destination"/>.</summary>
    public static void CopyTo(IReadOnlyList<Parameter> parameters, Span<float> destination) =>
        Copy(parameters, destination, static p => p);

    /// <summary>Copies every parameter's gradient (zeros where it has none) into <paramref name="destination"/>.</summary>
    public static void CopyGradientsTo(IReadOnlyList<Parameter> parameters, Span<float> destination) =>
        Copy(parameters, destination, static p => p.grad);

    /// <summary>Overwrites every parameter value from <paramref name="source"/>, in place.</summary>
    public static void CopyFrom(IReadOnlyList<Parameter> parameters, ReadOnlySpan<float> source)
    {
        RequireLength(parameters, source.Length);
        using var noGrad = no_grad();
        var offset = 0;
        foreach (var parameter in parameters)
        {
            var count = (int)parameter.numel();
            Write(parameter, source.Slice(offset, count));
            offset += count;
        }
    }

    /// <summary>Sets every parameter's gradient from <paramref name="source"/>, allocating gradients that do not exist yet.</summary>
    public static void CopyGradientsFrom(IReadOnlyList<Parameter> parameters, ReadOnlySpan<float> source)
    {
        RequireLength(parameters, source.Length);
        var offset = 0;
        foreach (var parameter in parameters)
        {
            var count = (int)parameter.numel();
            using var gradient = parameter.grad ?? AttachZeroGradient(parameter);
            Write(gradient, source.Slice(offset, count));
            offset += count;
        }
    }

    /// <summary>Gives the parameter a zero gradient and returns it; the caller disposes only the returned handle.</summary>
    private static Tensor AttachZeroGradient(Parameter parameter)
    {
        var zeros = zeros_like(parameter);
        parameter.grad = zeros;
        return zeros;
    }

    private static void Copy(IReadOnlyList<Parameter> parameters, Span<float> destination, Func<Parameter, Tensor?> select)
    {
        RequireLength(parameters, destination.Length);
        var offset = 0;
        foreach (var parameter in parameters)
        {
            var count = (int)parameter.numel();
            var part = destination.Slice(offset, count);
            var tensor = select(parameter);
            if (tensor is null) part.Clear();
            else Read(tensor, part);
            if (!ReferenceEquals(tensor, parameter)) tensor?.Dispose();
            offset += count;
        }
    }

    /// <summary>Reads a float32 tensor's elements; a tensor off the CPU goes through one host copy.</summary>
    private static void Read(Tensor tensor, Span<float> destination)
    {
        if (tensor.device_type == TorchSharp.DeviceType.CPU && tensor.is_contiguous())
        {
            MemoryMarshal.Cast<byte, float>(tensor.bytes).CopyTo(destination);
            return;
        }
        using var host = tensor.detach().cpu().contiguous();
        MemoryMarshal.Cast<byte, float>(host.bytes).CopyTo(destination);
    }

    private static void Write(Tensor tensor, ReadOnlySpan<float> source)
    {
        if (tensor.device_type == TorchSharp.DeviceType.CPU && tensor.is_contiguous())
        {
            source.CopyTo(MemoryMarshal.Cast<byte, float>(tensor.bytes));
            return;
        }
        using var host = HostCopy(source, tensor.shape);
        tensor.copy_(host);
    }

    private static Tensor HostCopy(ReadOnlySpan<float> source, long[] shape)
    {
        var host = empty(shape, ScalarType.Float32);
        source.CopyTo(MemoryMarshal.Cast<byte, float>(host.bytes));
        return host;
    }

    private static void RequireLength(IReadOnlyList<Parameter> parameters, int length)
    {
        var expected = Length(parameters);
        if (length != expected)
            throw new ArgumentException($"the network has {expected} parameters, the flat buffer holds {length}");
    }
}
