using A3C.LibTorch.Native;

namespace A3C.LibTorch.Nn;

/// <summary>
/// All parameter values of a network as one flat float32 buffer: the form in which weight
/// snapshots travel between actors and nodes.
/// </summary>
public static class FlatParameters
{
    public static long Length(IReadOnlyList<Tensor> parameters) => parameters.Sum(p => p.NumberOfElements);

    public static float[] Export(IReadOnlyList<Tensor> parameters)
    {
        var buffer = new float[Length(parameters)];
        CopyTo(parameters, buffer);
        return buffer;
    }

    public static void CopyTo(IReadOnlyList<Tensor> parameters, Span<float> destination) =>
        FlatBuffers.Export(parameters, FlatPart.Data, destination);

    /// <summary>Overwrites every parameter value from <paramref name="source"/>, in place.</summary>
    public static void CopyFrom(IReadOnlyList<Tensor> parameters, ReadOnlySpan<float> source) =>
        FlatBuffers.Import(parameters, FlatPart.Data, source);
}
