namespace A3C.Models.Environments;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: a small generator whose sequence depends only
/// on the seed, so an episode started from a given seed is the same on every machine and runtime.
/// </summary>
public sealed class Xoshiro256
{
    private ulong s0, s1, s2, s3;

    public Xoshiro256(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    /// <summary>A generator seeded from the operating system, for environments reset without a seed.</summary>
    public static Xoshiro256 FromEntropy() =>
        new(BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A double in [low, high), as NumPy's <c>uniform(low, high)</c>.</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>An integer in [0, n) without modulo bias (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var bound = (ulong)n;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= (0UL - bound) % bound)
                return (int)product;
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
