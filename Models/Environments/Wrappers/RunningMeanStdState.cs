namespace A3C.Models.Environments.Wrappers;

/// <summary>A snapshot of <see cref="RunningMeanStd"/> for saving with a checkpoint.</summary>
public sealed record RunningMeanStdState(double[] Mean, double[] Variance, double Count);
