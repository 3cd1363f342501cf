using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>
/// Target networks: slowly moving copies of a network that the bootstrap targets are computed
/// with, so a regression does not chase its own output. Two ways to move them:
/// <code>
///   hard    θ' ← θ                                   every C steps (DQN, n-step Q-learning)
///   Polyak  θ' ← τ θ + (1 - τ) θ'                    every step (DDPG, TD3, SAC; τ ≈ 0.005)
/// </code>
/// Parameter lists must be of networks of the same shape, in the same order.
/// </summary>
public static class TargetNetwork
{
    public static void HardUpdate(IReadOnlyList<Parameter> target, IReadOnlyList<Parameter> online) => Polyak(target, online, 1.0);

    public static void Polyak(IReadOnlyList<Parameter> target, IReadOnlyList<Parameter> online, double tau)
    {
        if (target.Count != online.Count)
            throw new ArgumentException($"the target has {target.Count} parameters, the online network {online.Count}");
        if (tau is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(tau), tau, "τ lies in [0, 1]");
        using var noGrad = no_grad();
        for (var i = 0; i < target.Count; i++)
        {
            if (!target[i].shape.SequenceEqual(online[i].shape))
                throw new ArgumentException($"parameter {i} is [{string.Join(", ", target[i].shape)}] in the target, [{string.Join(", ", online[i].shape)}] online");
            if (tau == 1.0) target[i].copy_(online[i]);
            else target[i].mul_(1 - tau).add_(online[i], alpha: tau);
        }
    }

    /// <summary>Freezes a target network: its parameters take no gradient.</summary>
    public static void Freeze(IReadOnlyList<Parameter> target)
    {
        foreach (var p in target) p.requires_grad = false;
    }
}
