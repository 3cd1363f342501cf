using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// A policy π(a | s) that can be sampled and scored: what PPO and REINFORCE need. Discrete
/// actions are int64 [B]; continuous actions are float32 [B, A].
/// </summary>
public abstract class StochasticPolicy(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>Draws one action per observation from <paramref name="generator"/>.</summary>
    public abstract Tensor Sample(Tensor observations, Generator? generator = null);

    /// <summary>log π(a | s) [B] and the policy's entropy H(π(· | s)) [B].</summary>
    public abstract (Tensor LogProb, Tensor Entropy) Evaluate(Tensor observations, Tensor actions);

    /// <summary>Whether actions are integers (categorical) rather than float vectors.</summary>
    public abstract bool Discrete { get; }

    /// <summary>Every parameter, in registration order: the order of flat weight buffers.</summary>
    public IReadOnlyList<Parameter> ParameterList => [.. parameters()];

    public override Tensor forward(Tensor observations) => Sample(observations);
}

/// <summary>
/// A categorical policy over N actions: logits = MLP(s), π = softmax(logits).
/// Parameters: those of the logits MLP.
/// </summary>
public sealed class CategoricalPolicy : StochasticPolicy
{
    private readonly Mlp logits;

    public CategoricalPolicy(Mlp logits) : base(nameof(CategoricalPolicy))
    {
        this.logits = logits;
        RegisterComponents();
    }

    public override bool Discrete => true;

    public Tensor Logits(Tensor observations) => logits.forward(observations);

    public override Tensor Sample(Tensor observations, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var probabilities = nn.functional.softmax(logits.forward(observations), -1);
        return probabilities.multinomial(1, generator: generator).squeeze(-1).MoveToOuterDisposeScope();
    }

    public override (Tensor LogProb, Tensor Entropy) Evaluate(Tensor observations, Tensor actions)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = nn.functional.log_softmax(logits.forward(observations), -1);
        var logProb = logProbabilities.gather(-1, actions.to_type(ScalarType.Int64).unsqueeze(-1)).squeeze(-1);
        var entropy = -(logProbabilities.exp() * logProbabilities).sum(-1);
        return (logProb.MoveToOuterDisposeScope(), entropy.MoveToOuterDisposeScope());
    }
}

/// <summary>
/// A diagonal Gaussian policy for continuous actions, as in PPO's continuous-control setup:
/// μ = MLP(s), σ = exp(log σ) with log σ a state-independent parameter (initially 0), and
/// log π(a | s) = Σ_i [-(a_i - μ_i)² / (2σ_i²) - log σ_i - ½ log 2π], H = Σ_i [½ + ½ log 2π + log σ_i].
/// Actions are unbounded; the environment clips them. Parameters (TorchSharp lists a module's own
/// before its submodules'): log σ [A], then the mean MLP's.
/// </summary>
public sealed class DiagonalGaussianPolicy : StochasticPolicy
{
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);
    private readonly Mlp mean;
    private readonly Parameter logStd;

    public DiagonalGaussianPolicy(Mlp mean, double initialLogStd = 0.0) : base(nameof(DiagonalGaussianPolicy))
    {
        this.mean = mean;
        logStd = new Parameter(full(mean.Outputs, initialLogStd, ScalarType.Float32));
        RegisterComponents();
    }

    public override bool Discrete => false;

    public Tensor Mean(Tensor observations) => mean.forward(observations);

    public override Tensor Sample(Tensor observations, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var mu = mean.forward(observations);
        var noise = randn(mu.shape, generator: generator);
        return (mu + logStd.exp() * noise).MoveToOuterDisposeScope();
    }

    public override (Tensor LogProb, Tensor Entropy) Evaluate(Tensor observations, Tensor actions)
    {
        using var scope = NewDisposeScope();
        var mu = mean.forward(observations);
        var z = (actions - mu) / logStd.exp();
        var logProb = (-0.5 * z.square() - logStd - HalfLog2Pi).sum(-1);
        var entropy = (logStd + 0.5 + HalfLog2Pi).sum(-1).expand(mu.shape[0]);
        return (logProb.MoveToOuterDisposeScope(), entropy.contiguous().MoveToOuterDisposeScope());
    }
}
