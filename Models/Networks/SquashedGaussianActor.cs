using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// SAC's policy (Haarnoja et al. 2018, appendix C): a Gaussian in an unbounded space squashed by
/// tanh into the action box.
/// <code>
///   μ, s      = MLP(obs)                             2A outputs
///   log σ     = lo + ½ (hi - lo) (tanh s + 1)         kept in [lo, hi] = [-5, 2]
///   u         = μ + σ ε,   ε ~ N(0, I)               reparameterised: gradients flow through u
///   a         = scale · tanh(u) + bias
///   log π(a)  = Σ_i [log N(u_i; μ_i, σ_i) - log(scale_i (1 - tanh²u_i) + 1e-6)]
/// </code>
/// Parameters: the MLP's.
/// </summary>
public sealed class SquashedGaussianActor : nn.Module<Tensor, Tensor>
{
    public const double LogStdMin = -5, LogStdMax = 2;
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);
    private readonly Mlp body;
    // Registered as buffers: they move and are disposed with the module.
    private readonly Tensor scale;
    private readonly Tensor bias;

    /// <param name="body">An MLP with 2·|A| outputs: the means, then the unsquashed log standard deviations.</param>
    public SquashedGaussianActor(Mlp body, ActionBounds bounds) : base(nameof(SquashedGaussianActor))
    {
        if (body.Outputs != 2 * bounds.Size)
            throw new ArgumentException($"a squashed Gaussian over {bounds.Size} action dimensions needs {2 * bounds.Size} outputs, the MLP has {body.Outputs}");
        this.body = body;
        Bounds = bounds;
        scale = bounds.ScaleTensor();
        bias = bounds.BiasTensor();
        RegisterComponents();
    }

    public ActionBounds Bounds { get; }

    public IReadOnlyList<Parameter> ParameterList => [.. parameters()];

    /// <summary>The distribution's mean and log σ, each [B, A].</summary>
    public (Tensor Mean, Tensor LogStd) Distribution(Tensor observations)
    {
        using var scope = NewDisposeScope();
        var output = body.forward(observations);
        var parts = output.chunk(2, -1);
        var logStd = LogStdMin + 0.5 * (LogStdMax - LogStdMin) * (parts[1].tanh() + 1);
        return (parts[0].MoveToOuterDisposeScope(), logStd.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// A reparameterised sample: the action [B, A] and its log-probability [B]. Pass
    /// <paramref name="noise"/> (ε, [B, A]) to fix the draw, else it comes from <paramref name="generator"/>.
    /// </summary>
    public (Tensor Action, Tensor LogProb) Sample(Tensor observations, Tensor? noise = null, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        var (mean, logStd) = Distribution(observations);
        var epsilon = noise ?? randn(mean.shape, generator: generator);
        var u = mean + logStd.exp() * epsilon;
        var y = u.tanh();
        var gaussian = -0.5 * epsilon.square() - logStd - HalfLog2Pi;
        var correction = (scale * (1 - y.square()) + 1e-6).log();
        var logProb = (gaussian - correction).sum(-1);
        var action = y * scale + bias;
        return (action.MoveToOuterDisposeScope(), logProb.MoveToOuterDisposeScope());
    }

    /// <summary>The deterministic action for evaluation: scale · tanh(μ) + bias.</summary>
    public Tensor MeanAction(Tensor observations)
    {
        using var scope = NewDisposeScope();
        var (mean, _) = Distribution(observations);
        return (mean.tanh() * scale + bias).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor observations) => MeanAction(observations);
}
