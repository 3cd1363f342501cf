using TorchSharp;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// A policy and a state-value estimate from one network: <see cref="Evaluate"/> gives the policy's
/// action logits and V(s) for a batch of observations; <c>forward</c> gives the logits alone.
/// </summary>
public abstract class ActorCritic(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>Logits [batch, actions] and values [batch].</summary>
    public abstract (Tensor Logits, Tensor Values) Evaluate(Tensor observations);

    /// <summary>The number of discrete actions the policy chooses among.</summary>
    public abstract int ActionCount { get; }

    /// <summary>How the network is built, for rebuilding it elsewhere (an export's sidecar).</summary>
    public abstract NetworkDescription Describe();

    /// <summary>Moves the weights to <paramref name="device"/>; use this rather than <c>to</c>, which leaves <see cref="ParameterList"/> stale.</summary>
    public ActorCritic MoveTo(Device device)
    {
        this.to(device);
        _parameterList = null;
        return this;
    }

    /// <summary>Every parameter, in registration order: the order of flat weight snapshots.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> ParameterList => _parameterList ??= [.. parameters()];

    /// <summary>The number of scalar weights.</summary>
    public long ParameterCount => ParameterList.Sum(p => p.numel());

    private IReadOnlyList<TorchSharp.Modules.Parameter>? _parameterList;
}
