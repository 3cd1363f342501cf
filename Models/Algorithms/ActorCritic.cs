using A3C.LibTorch;
using A3C.LibTorch.Nn;

namespace A3C.Models.Algorithms;

/// <summary>
/// A policy and a state-value estimate from one network: <see cref="Evaluate"/> gives the policy's
/// action logits and V(s) for a batch of observations.
/// </summary>
public abstract class ActorCritic : Module
{
    /// <summary>Logits [batch, actions] and values [batch].</summary>
    public abstract (Tensor Logits, Tensor Values) Evaluate(Tensor observations);

    /// <summary>The number of discrete actions the policy chooses among.</summary>
    public abstract int ActionCount { get; }

    /// <summary>The policy's logits alone, for choosing actions: the value head is not computed.</summary>
    public abstract Tensor PolicyLogits(Tensor observations);

    public override Tensor Forward(Tensor input) => PolicyLogits(input);
}
