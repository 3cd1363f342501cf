using System.Numerics;
using System.Runtime.CompilerServices;

namespace A3C.Models.Algorithms;

/// <summary>The few float kernels a managed forward pass needs, over SIMD-width chunks.</summary>
internal static class VectorMath
{
    /// <summary>Σ a[k] b[k] over equal-length spans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var k = 0;
        for (; k <= a.Length - Vector<float>.Count; k += Vector<float>.Count)
            sum += new Vector<float>(a[k..]) * new Vector<float>(b[k..]);
        var result = Vector.Sum(sum);
        for (; k < a.Length; k++) result += a[k] * b[k];
        return result;
    }

    /// <summary>y += scale · x, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(Span<float> y, ReadOnlySpan<float> x, float scale)
    {
        var k = 0;
        for (; k <= y.Length - Vector<float>.Count; k += Vector<float>.Count)
            (new Vector<float>(y[k..]) + new Vector<float>(x[k..]) * scale).CopyTo(y[k..]);
        for (; k < y.Length; k++) y[k] += scale * x[k];
    }

    /// <summary>y = max(y, 0), element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu(Span<float> y)
    {
        var k = 0;
        for (; k <= y.Length - Vector<float>.Count; k += Vector<float>.Count)
            Vector.Max(new Vector<float>(y[k..]), Vector<float>.Zero).CopyTo(y[k..]);
        for (; k < y.Length; k++) y[k] = MathF.Max(y[k], 0);
    }

    /// <summary>Σ x[k]², summed in double so that a long gradient loses no precision to the sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
        var k = 0;
        for (; k <= x.Length - Vector<float>.Count; k += Vector<float>.Count)
        {
            Vector.Widen(new Vector<float>(x[k..]), out var first, out var second);
            low += first * first;
            high += second * second;
        }
        var result = Vector.Sum(low + high);
        for (; k < x.Length; k++) result += (double)x[k] * x[k];
        return result;
    }
}
