using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// Maps a squashed value y ∈ [-1, 1]^A to the action box: a = scale · y + bias, with
/// scale = (high - low) / 2 and bias = (high + low) / 2, per dimension.
/// </summary>
public sealed class ActionBounds
{
    public ActionBounds(ReadOnlySpan<float> low, ReadOnlySpan<float> high)
    {
        if (low.Length != high.Length || low.Length == 0)
            throw new ArgumentException($"bounds of {low.Length} and {high.Length} elements do not describe one action box");
        Low = low.ToArray();
        High = high.ToArray();
        Scale = new float[low.Length];
        Bias = new float[low.Length];
        for (var i = 0; i < low.Length; i++)
        {
            if (!float.IsFinite(low[i]) || !float.IsFinite(high[i]) || high[i] <= low[i])
                throw new ArgumentException($"action dimension {i} has bounds [{low[i]}, {high[i]}]: finite, increasing bounds are needed");
            Scale[i] = (high[i] - low[i]) / 2;
            Bias[i] = (high[i] + low[i]) / 2;
        }
    }

    public float[] Low { get; }

    public float[] High { get; }

    public float[] Scale { get; }

    public float[] Bias { get; }

    public int Size => Low.Length;

    public Tensor ScaleTensor() => tensor(Scale, [Scale.Length]);

    public Tensor BiasTensor() => tensor(Bias, [Bias.Length]);

    public Tensor LowTensor() => tensor(Low, [Low.Length]);

    public Tensor HighTensor() => tensor(High, [High.Length]);
}
