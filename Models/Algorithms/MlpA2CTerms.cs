namespace A3C.Models.Algorithms;

/// <summary>
/// The A2C loss on one batch and its terms, as <see cref="MlpA2CGradients"/> computes them:
/// Total = Policy + c_v·Value − β·Entropy, each a mean over the batch's rows, and the batch means
/// of the advantage, the value estimate and the n-step target that training logs report.
/// </summary>
public readonly record struct MlpA2CTerms(double Total, double Policy, double Value, double Entropy,
    double MeanAdvantage, double MeanValue, double MeanTarget);
