using System.Globalization;

namespace A3C.Models.Environments;

/// <summary>
/// A box of values bounded element-wise, like Gymnasium's <c>Box(low, high, shape, dtype)</c>.
/// Bounds are stored flattened in row-major order.
/// </summary>
public sealed class BoxSpace : Space
{
    private readonly float[] low;
    private readonly float[] high;
    private readonly int[] shape;

    public BoxSpace(ReadOnlySpan<float> low, ReadOnlySpan<float> high, ReadOnlySpan<int> shape, ElementType elementType)
    {
        if (shape.Length == 0)
            throw new ArgumentException("A box needs at least one dimension.", nameof(shape));
        var size = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1, nameof(shape));
            size *= dimension;
        }
        if (low.Length != size || high.Length != size)
            throw new ArgumentException($"Bounds have {low.Length} and {high.Length} elements but shape ({string.Join(", ", shape.ToArray())}) holds {size}.");
        this.low = low.ToArray();
        this.high = high.ToArray();
        this.shape = shape.ToArray();
        ElementType = elementType;
        Size = size;
    }

    /// <summary>A box whose every element shares the same bounds.</summary>
    public static BoxSpace Uniform(float low, float high, ReadOnlySpan<int> shape, ElementType elementType)
    {
        var size = 1;
        foreach (var dimension in shape)
            size *= dimension;
        var lows = new float[size];
        var highs = new float[size];
        Array.Fill(lows, low);
        Array.Fill(highs, high);
        return new BoxSpace(lows, highs, shape, elementType);
    }

    public ReadOnlySpan<float> Low => low;

    public ReadOnlySpan<float> High => high;

    public ReadOnlySpan<int> Shape => shape;

    public ElementType ElementType { get; }

    public override int Size { get; }

    /// <summary>True when <paramref name="values"/> has the box's size and every element lies within its bounds.</summary>
    public bool Contains(ReadOnlySpan<float> values)
    {
        if (values.Length != Size)
            return false;
        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= low[i] && values[i] <= high[i]))
                return false;
        }
        return true;
    }

    /// <summary>A box with the same bounds and element type and a new leading dimension of <paramref name="count"/> copies.</summary>
    public BoxSpace Repeat(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var lows = new float[Size * count];
        var highs = new float[Size * count];
        for (var i = 0; i < count; i++)
        {
            low.CopyTo(lows, i * Size);
            high.CopyTo(highs, i * Size);
        }
        return new BoxSpace(lows, highs, [count, .. shape], ElementType);
    }

    public override string ToString()
    {
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var dtype = ElementType == ElementType.Float32 ? "float32" : "uint8";
        return $"Box({Bound(low)}, {Bound(high)}, {shapeText}, {dtype})";
    }

    // Gymnasium prints a scalar when all bounds agree and the array otherwise.
    private static string Bound(float[] values) =>
        Array.TrueForAll(values, v => v.Equals(values[0]))
            ? Format(values[0])
            : "[" + string.Join(" ", values.Select(Format)) + "]";

    // NumPy's style: "inf", plain decimals for ordinary magnitudes, scientific notation for huge ones.
    private static string Format(float value) => value switch
    {
        float.PositiveInfinity => "inf",
        float.NegativeInfinity => "-inf",
        _ when Math.Abs(value) >= 1e16f => value.ToString("0.#######e+00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.0######", CultureInfo.InvariantCulture),
    };
}
