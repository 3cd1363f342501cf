using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>
/// The gradient half of an A2C update, computed where the batch is (on the learner, or on a worker
/// in gradient-parallel A3C) into one flat buffer in parameter order: the form in which gradients
/// travel and are applied. The actor-critic MLP on the CPU takes the managed fast path
/// (<see cref="MlpA2CGradients"/>: a few dozen microseconds where autograd costs hundreds);
/// every other network goes through TorchSharp's autograd.
/// </summary>
public sealed class A2CGradients
{
    private readonly ActorCritic _net;
    private readonly Device _device;
    private readonly long[] _observationShape;
    private readonly A2CHyperparameters _hyper;
    private readonly MlpA2CGradients? _fastPath;
    private readonly float[] _weights;

    public A2CGradients(ActorCritic net, Device device, long[] observationShape, A2CHyperparameters hyper)
    {
        _net = net;
        _device = device;
        _observationShape = observationShape;
        _hyper = hyper;
        Values = new float[net.ParameterCount];
        if (net is MlpActorCritic mlp && device.type == TorchSharp.DeviceType.CPU)
        {
            _fastPath = new MlpA2CGradients(mlp.Inputs, mlp.Hidden, mlp.ActionCount);
            _weights = new float[net.ParameterCount];
        }
        else
        {
            _weights = [];
        }
    }

    /// <summary>The gradient of the last <see cref="Compute{TObs}"/>, in parameter order.</summary>
    public float[] Values { get; }

    /// <summary>
    /// Whether the parameters' own <c>grad</c> tensors also hold <see cref="Values"/> (autograd
    /// puts them there; the fast path writes only the flat buffer).
    /// </summary>
    public bool InParameters { get; private set; }

    /// <summary>Computes the loss's gradient on <paramref name="batch"/> with the network's current weights.</summary>
    public A2CStatistics Compute<TObs>(TransitionBatch<TObs> batch) where TObs : unmanaged
    {
        if (_fastPath is not null && batch is TransitionBatch<float> vectors) return ComputeFast(vectors);
        using var scope = NewDisposeScope();
        _net.zero_grad();
        var terms = A2CLoss.Compute(_net, batch, _observationShape, _hyper, _device);
        terms.Total.backward();
        FlatParameters.CopyGradientsTo(_net.ParameterList, Values);
        InParameters = true;
        return new A2CStatistics(
            terms.Total.item<float>(), terms.Policy.item<float>(), terms.Value.item<float>(), terms.Entropy.item<float>(),
            terms.Advantage.mean().item<float>(), terms.Values.mean().item<float>(), terms.Targets.mean().item<float>(),
            GradientL2: double.NaN, GradientMax: double.NaN, GradientVariance: double.NaN, batch.Count);
    }

    private A2CStatistics ComputeFast(TransitionBatch<float> batch)
    {
        FlatParameters.CopyTo(_net.ParameterList, _weights);
        var terms = _fastPath!.Compute(_weights, Values, batch.Count, batch.Observations, batch.Actions, batch.Returns,
            batch.BootstrapObservations, batch.BootstrapDiscounts, _hyper.ValueCoefficient, _hyper.EntropyBeta);
        InParameters = false;
        return new A2CStatistics(terms.Total, terms.Policy, terms.Value, terms.Entropy, terms.MeanAdvantage, terms.MeanValue,
            terms.MeanTarget, GradientL2: double.NaN, GradientMax: double.NaN, GradientVariance: double.NaN, batch.Count);
    }

    /// <summary>L2 norm, largest magnitude and variance of a flat gradient buffer.</summary>
    public static (double L2, double Max, double Variance) Statistics(ReadOnlySpan<float> gradients)
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
