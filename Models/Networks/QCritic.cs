using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>An action-value critic Q(s, a) = MLP([s, a]) for continuous actions; returns [B].</summary>
public sealed class QCritic : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Mlp body;

    /// <param name="body">An MLP over observation size + action size inputs with one output.</param>
    public QCritic(Mlp body) : base(nameof(QCritic))
    {
        if (body.Outputs != 1) throw new ArgumentException($"a Q critic has one output, the MLP has {body.Outputs}");
        this.body = body;
        RegisterComponents();
    }

    public IReadOnlyList<Parameter> ParameterList => [.. parameters()];

    public override Tensor forward(Tensor observations, Tensor actions)
    {
        using var scope = NewDisposeScope();
        return body.forward(cat([observations, actions], -1)).squeeze(-1).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Twin Q critics (Fujimoto et al. 2018, clipped double Q-learning): two independent critics whose
/// minimum forms the target, countering the overestimation of a single maximised critic.
/// Parameters: Q1's, then Q2's.
/// </summary>
public sealed class TwinQCritic : nn.Module<Tensor, Tensor, (Tensor, Tensor)>
{
    private readonly QCritic q1;
    private readonly QCritic q2;

    public TwinQCritic(QCritic q1, QCritic q2) : base(nameof(TwinQCritic))
    {
        this.q1 = q1;
        this.q2 = q2;
        RegisterComponents();
    }

    public QCritic Q1 => q1;

    public QCritic Q2 => q2;

    public IReadOnlyList<Parameter> ParameterList => [.. parameters()];

    public override (Tensor, Tensor) forward(Tensor observations, Tensor actions) =>
        (Q1.forward(observations, actions), Q2.forward(observations, actions));

    /// <summary>min(Q1, Q2) [B].</summary>
    public Tensor Min(Tensor observations, Tensor actions)
    {
        using var scope = NewDisposeScope();
        var (q1, q2) = forward(observations, actions);
        return minimum(q1, q2).MoveToOuterDisposeScope();
    }
}
