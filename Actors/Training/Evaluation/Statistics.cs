namespace A3C.Actors.Training.Evaluation;

/// <summary>Mean, standard deviation (of the values themselves, as NumPy's <c>std</c>), minimum and maximum.</summary>
public sealed record Statistics(double Mean, double Std, double Min, double Max)
{
    public static Statistics Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("statistics of no values");
        var mean = values.Average();
        var variance = values.Sum(value => (value - mean) * (value - mean)) / values.Count;
        return new Statistics(mean, Math.Sqrt(variance), values.Min(), values.Max());
    }
}
