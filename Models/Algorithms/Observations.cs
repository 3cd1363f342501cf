using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>Turns a flat buffer of observations into a [count, ...shape] tensor with one copy.</summary>
public static class Observations
{
    public static Tensor ToTensor<TObs>(TObs[] buffer, int count, long[] observationShape, Device device) where TObs : unmanaged
    {
        var shape = new long[observationShape.Length + 1];
        shape[0] = count;
        observationShape.CopyTo(shape, 1);
        var size = checked((int)observationShape.Aggregate(1L, (a, b) => a * b));
        var host = empty(shape, ElementType<TObs>());
        MemoryMarshal.AsBytes(buffer.AsSpan(0, count * size)).CopyTo(host.bytes);
        if (device.type == TorchSharp.DeviceType.CPU) return host;
        using (host) return host.to(device);
    }

    /// <summary>The tensor element type of an observation buffer's elements.</summary>
    public static ScalarType ElementType<TObs>() where TObs : unmanaged =>
        typeof(TObs) == typeof(float) ? ScalarType.Float32
        : typeof(TObs) == typeof(byte) ? ScalarType.Byte
        : throw new NotSupportedException($"observations of {typeof(TObs).Name} have no tensor type here (float or byte expected)");
}
