using A3C.LibTorch;

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
        var host = Torch.FromArray<TObs>(buffer.AsSpan(0, count * size), shape);
        return device.IsCuda ? host.To(device) : host;
    }
}
