namespace A3C.Bench.Remote;

/// <summary>
/// Arrays shaped like what a learner sends. The snapshot is the Atari network (Nature CNN) at
/// initialisation, every layer's weights and biases uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)) as
/// PyTorch initialises them, its hidden layer as wide as the wanted size needs (about 1070 units
/// for 13 MiB).
/// </summary>
internal static class SampleWeights
{
    private static readonly (int FanIn, int Outputs)[] ConvolutionLayers = [(4 * 8 * 8, 32), (32 * 4 * 4, 64), (64 * 3 * 3, 64)];
    private const int HiddenFanIn = 3136;

    public static float[] AtariSnapshot(int bytes = 13 * 1024 * 1024, int seed = 1)
    {
        var random = new Random(seed);
        var values = new float[bytes / sizeof(float)];
        var at = 0;
        foreach (var (fanIn, outputs) in ConvolutionLayers) at = Fill(values, at, (fanIn + 1) * outputs, fanIn, random);
        // Heads (actor and critic) at the end, the hidden layer takes the rest.
        var heads = Math.Min(values.Length - at, 7 * 1025);
        at = Fill(values, at, values.Length - at - heads, HiddenFanIn, random);
        Fill(values, at, heads, 1024, random);
        return values;
    }

    private static int Fill(float[] values, int start, int count, int fanIn, Random random)
    {
        var bound = 1 / MathF.Sqrt(fanIn);
        var end = Math.Min(values.Length, start + count);
        for (var i = start; i < end; i++) values[i] = (2 * random.NextSingle() - 1) * bound;
        return end;
    }

}
