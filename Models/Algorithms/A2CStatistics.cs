namespace A3C.Models.Algorithms;

/// <summary>What one A2C update reports, as the classic training logs track it.</summary>
public sealed record A2CStatistics(
    double Loss,
    double PolicyLoss,
    double ValueLoss,
    double Entropy,
    double Advantage,
    double Values,
    double BatchReturns,
    double GradientL2,
    double GradientMax,
    double GradientVariance,
    int BatchSize);
