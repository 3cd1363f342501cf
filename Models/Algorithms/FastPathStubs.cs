// TEMPORARY until the managed fast paths land.
using TorchSharp.Modules;
namespace A3C.Models.Algorithms;
#pragma warning disable CS9113
public sealed class MlpA2CGradients(int inputs, int hidden, int actions)
{
    public readonly record struct Terms(double Total, double Policy, double Value, double Entropy, double MeanAdvantage, double MeanValue, double MeanTarget);
    public Terms Compute(ReadOnlySpan<float> weights, Span<float> gradients, int batch, ReadOnlySpan<float> observations, ReadOnlySpan<int> actions, ReadOnlySpan<float> returns, ReadOnlySpan<float> bootstrapObservations, ReadOnlySpan<float> bootstrapDiscounts, double valueCoefficient, double entropyBeta) => throw new NotImplementedException();
}
public static class ClippedAdam
{
    public static double? Step(Adam adam, IReadOnlyList<Parameter> parameters, ReadOnlySpan<float> gradients, double maxNorm) => throw new NotImplementedException();
}
