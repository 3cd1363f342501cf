namespace A3C.Models.Environments.Wrappers;

/// <summary>
/// Running per-element mean and variance merged batch by batch with Chan et al.'s parallel formula, as
/// Gymnasium's <c>RunningMeanStd</c>: it starts at mean 0, variance 1 and a pseudo-count of 1e-4.
/// </summary>
public sealed class RunningMeanStd
{
    public const double InitialCount = 1e-4;

    private readonly double[] mean;
    private readonly double[] variance;

    public RunningMeanStd(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        mean = new double[size];
        variance = new double[size];
        Array.Fill(variance, 1.0);
        Count = InitialCount;
    }

    public ReadOnlySpan<double> Mean => mean;

    public ReadOnlySpan<double> Variance => variance;

    public double Count { get; private set; }

    public int Size => mean.Length;

    /// <summary>Merges one sample (a batch of one: its mean is itself, its variance zero).</summary>
    public void Update(ReadOnlySpan<float> sample)
    {
        if (sample.Length != Size)
            throw new ArgumentException($"Expected a sample of {Size} element(s), got {sample.Length}.", nameof(sample));
        var total = Count + 1;
        for (var i = 0; i < mean.Length; i++)
        {
            var delta = sample[i] - mean[i];
            mean[i] += delta / total;
            variance[i] = (variance[i] * Count + delta * delta * Count / total) / total;
        }
        Count = total;
    }

    public RunningMeanStdState Save() => new(mean.ToArray(), variance.ToArray(), Count);

    /// <summary>Restores statistics saved by <see cref="Save"/>, e.g. from a checkpoint.</summary>
    public void Restore(RunningMeanStdState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Mean.Length != Size || state.Variance.Length != Size)
            throw new ArgumentException($"The saved statistics have {state.Mean.Length} mean(s) and {state.Variance.Length} variance(s); this normaliser needs {Size} of each.", nameof(state));
        if (!(state.Count > 0))
            throw new ArgumentException($"The saved count must be positive, got {state.Count}.", nameof(state));
        state.Mean.CopyTo(mean, 0);
        state.Variance.CopyTo(variance, 0);
        Count = state.Count;
    }
}
