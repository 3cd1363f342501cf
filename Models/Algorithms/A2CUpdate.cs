using A3C.LibTorch;
using A3C.LibTorch.Fused;
using A3C.LibTorch.Optim;

namespace A3C.Models.Algorithms;

/// <summary>
/// The two halves of an A2C update, split so they can run in different places: computing
/// gradients (on the learner, or on a worker in gradient-parallel A3C) and applying them (on the
/// learner). A non-finite loss or gradient is never applied: the caller counts it and moves on.
/// </summary>
public static class A2CUpdate
{
    /// <summary>
    /// Zeroes the gradients, builds the loss and backpropagates it. Returns the loss terms' values.
    /// The vector MLP on the CPU takes one fused native call; other networks go op by op.
    /// </summary>
    public static A2CStatistics ComputeGradients<TObs>(ActorCritic net, TransitionBatch<TObs> batch, long[] observationShape,
        A2CHyperparameters hyper, Device device) where TObs : unmanaged
    {
        if (net is MlpActorCritic mlp && !device.IsCuda && batch is TransitionBatch<float> vectors)
            return ComputeMlpGradients(mlp, vectors, hyper);
        using var scope = Torch.NewDisposeScope();
        net.ZeroGrad();
        var terms = A2CLoss.Compute(net, batch, observationShape, hyper, device);
        terms.Total.Backward();
        return new A2CStatistics(
            terms.Total.ToDouble(), terms.Policy.ToDouble(), terms.Value.ToDouble(), terms.Entropy.ToDouble(),
            terms.Advantage.Mean().ToDouble(), terms.Values.Mean().ToDouble(), terms.Targets.Mean().ToDouble(),
            GradientL2: double.NaN, GradientMax: double.NaN, GradientVariance: double.NaN, batch.Count);
    }

    private static A2CStatistics ComputeMlpGradients(MlpActorCritic net, TransitionBatch<float> batch, A2CHyperparameters hyper)
    {
        var terms = MlpA2C.Backward(net.Parameters(), batch.Count, batch.Observations, batch.Actions, batch.Returns,
            batch.BootstrapObservations, batch.BootstrapDiscounts, hyper.ValueCoefficient, hyper.EntropyBeta);
        return new A2CStatistics(terms.Total, terms.Policy, terms.Value, terms.Entropy, terms.MeanAdvantage, terms.MeanValue,
            terms.MeanTarget, GradientL2: double.NaN, GradientMax: double.NaN, GradientVariance: double.NaN, batch.Count);
    }

    /// <summary>
    /// Clips the gradients now held by the parameters and steps the optimizer, unless the norm is
    /// not finite. Returns the norm before clipping, or null when the step was skipped.
    /// </summary>
    public static double? ApplyGradients(Optimizer optimizer, double clipGradNorm) =>
        optimizer.ClipGradNormAndStep(clipGradNorm);

    /// <summary>L2 norm, largest magnitude and variance of a flat gradient buffer.</summary>
    public static (double L2, double Max, double Variance) GradientStatistics(ReadOnlySpan<float> gradients)
    {
        if (gradients.IsEmpty) return (0, 0, 0);
        double sum = 0, sumOfSquares = 0, max = 0;
        foreach (var g in gradients)
        {
            sum += g;
            sumOfSquares += (double)g * g;
            max = Math.Max(max, Math.Abs(g));
        }
        var mean = sum / gradients.Length;
        return (Math.Sqrt(sumOfSquares), max, sumOfSquares / gradients.Length - mean * mean);
    }
}
