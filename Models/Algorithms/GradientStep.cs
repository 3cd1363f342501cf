using A3C.Models.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>
/// The applying half of an update: clip the gradient to a joint L2 norm, then one step of
/// TorchSharp's Adam or RMSprop. A gradient whose norm is not finite is never applied. For the
/// actor-critic MLP on the CPU with Adam, clip and step run fused in managed code over Adam's own
/// state (<see cref="ClippedAdam"/>), so saving and loading the optimizer is the same either way.
/// </summary>
public sealed class GradientStep : IDisposable
{
    private readonly ActorCritic _net;
    private readonly OptimizerHelper _optimizer;
    private readonly ClippedAdam? _fused;

    public GradientStep(ActorCritic net, OptimizerKind kind, double learningRate, double eps)
    {
        _net = net;
        _optimizer = kind switch
        {
            OptimizerKind.Adam => optim.Adam(net.parameters(), lr: learningRate, eps: eps),
            OptimizerKind.RmsProp => optim.RMSProp(net.parameters(), lr: learningRate, alpha: 0.99, eps: eps),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "adam or rmsprop expected"),
        };
        if (_optimizer is Adam adam && net is MlpActorCritic && net.ParameterList[0].device_type == TorchSharp.DeviceType.CPU)
            _fused = new ClippedAdam(adam);
    }

    public OptimizerHelper Optimizer => _optimizer;

    /// <summary>
    /// Clips and applies <paramref name="gradients"/> (flat, in parameter order). Set
    /// <paramref name="inParameters"/> when the parameters' <c>grad</c> tensors already hold the
    /// same values (after autograd), which saves copying them back. Returns the norm before
    /// clipping, or null when it is not finite and nothing was changed.
    /// </summary>
    public double? Apply(ReadOnlySpan<float> gradients, bool inParameters, double maxNorm)
    {
        if (_fused is not null) return _fused.Step(gradients, maxNorm);
        if (!inParameters) FlatParameters.CopyGradientsFrom(_net.ParameterList, gradients);
        var norm = nn.utils.clip_grad_norm_(_net.ParameterList, maxNorm);
        if (!double.IsFinite(norm)) return null;
        _optimizer.step();
        return norm;
    }

    public byte[] SaveState() => NetworkState.SaveOptimizer(_optimizer);

    /// <exception cref="ArgumentException">The state belongs to another optimizer or other shapes.</exception>
    public void LoadState(byte[] state) => NetworkState.LoadOptimizer(_optimizer, state);

    public void Dispose() => _optimizer.Dispose();
}
