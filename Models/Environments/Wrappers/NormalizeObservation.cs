namespace A3C.Models.Environments.Wrappers;

/// <summary>
/// Normalises observations to roughly zero mean and unit variance with running statistics, as Gymnasium's
/// <c>NormalizeObservation</c>: each observation first updates the statistics (when <see cref="UpdateStatistics"/>
/// is on), then is mapped to <c>(x - mean) / sqrt(var + 1e-8)</c>. Save <see cref="Statistics"/> with a
/// checkpoint; evaluation usually freezes them.
/// </summary>
public sealed class NormalizeObservation : EnvironmentWrapper<float>
{
    public const double Epsilon = 1e-8;

    public NormalizeObservation(IEnvironment<float> inner)
        : base(inner)
    {
        Statistics = new RunningMeanStd(inner.ObservationSpace.Size);
        ObservationSpace = BoxSpace.Uniform(float.NegativeInfinity, float.PositiveInfinity, inner.ObservationSpace.Shape, ElementType.Float32);
    }

    public RunningMeanStd Statistics { get; }

    /// <summary>Whether new observations update the running statistics (Gymnasium's <c>update_running_mean</c>).</summary>
    public bool UpdateStatistics { get; set; } = true;

    public override BoxSpace ObservationSpace { get; }

    public override void Reset(Span<float> observation, ulong? seed = null)
    {
        Inner.Reset(observation, seed);
        Normalise(observation);
    }

    public override StepResult Step(int action, Span<float> observation)
    {
        var result = Inner.Step(action, observation);
        Normalise(observation);
        return result;
    }

    public override StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        var result = Inner.Step(action, observation);
        Normalise(observation);
        return result;
    }

    private void Normalise(Span<float> observation)
    {
        if (UpdateStatistics)
            Statistics.Update(observation);
        var mean = Statistics.Mean;
        var variance = Statistics.Variance;
        for (var i = 0; i < observation.Length; i++)
            observation[i] = (float)((observation[i] - mean[i]) / Math.Sqrt(variance[i] + Epsilon));
    }
}
