using A3C.LibTorch;
using A3C.LibTorch.Nn;

namespace A3C.Models.Algorithms;

/// <summary>
/// The advantage actor-critic loss (Mnih et al. 2016), read top to bottom:
/// <code>
///   target    = R + γ^k V(s_{t+k})                   n-step return, bootstrapped, no gradient
///   advantage = target - V(s_t)                      detached: the policy does not move V
///   policy    = -mean(advantage · log π(a_t | s_t))
///   value     = mean((target - V(s_t))²)
///   entropy   = mean(-Σ_a π log π)                   bonus for keeping the policy uncertain
///   total     = policy + c_v · value - β · entropy
/// </code>
/// </summary>
public static class A2CLoss
{
    public sealed record Terms(Tensor Total, Tensor Policy, Tensor Value, Tensor Entropy, Tensor Advantage, Tensor Values, Tensor Targets);

    /// <summary>Builds the loss graph for a batch; the caller's dispose scope owns the tensors.</summary>
    public static Terms Compute<TObs>(ActorCritic net, TransitionBatch<TObs> batch, long[] observationShape,
        A2CHyperparameters hyper, Device device) where TObs : unmanaged
    {
        var observations = Observations.ToTensor(batch.Observations, batch.Count, observationShape, device);
        var actions = Torch.FromArray<long>(Widen(batch.Actions, batch.Count), batch.Count, 1).To(device);
        var returns = Torch.FromArray<float>(batch.Returns.AsSpan(0, batch.Count), batch.Count).To(device);
        var discounts = Torch.FromArray<float>(batch.BootstrapDiscounts.AsSpan(0, batch.Count), batch.Count).To(device);

        Tensor targets;
        using (Torch.NoGrad())
        {
            var bootstrap = Observations.ToTensor(batch.BootstrapObservations, batch.Count, observationShape, device);
            var (_, bootstrapValues) = net.Evaluate(bootstrap);
            targets = returns + discounts * bootstrapValues;
        }

        var (logits, values) = net.Evaluate(observations);
        var logProbabilities = logits.LogSoftmax(1);
        var advantage = targets - values.Detach();
        var policy = -(advantage * logProbabilities.Gather(1, actions).Squeeze(1)).Mean();
        var value = Functional.MseLoss(values, targets);
        var entropy = -(logProbabilities.Exp() * logProbabilities).Sum(1).Mean();
        var total = policy + hyper.ValueCoefficient * value - hyper.EntropyBeta * entropy;
        return new Terms(total, policy, value, entropy, advantage, values, targets);
    }

    private static long[] Widen(int[] actions, int count)
    {
        var wide = new long[count];
        for (var i = 0; i < count; i++) wide[i] = actions[i];
        return wide;
    }
}
