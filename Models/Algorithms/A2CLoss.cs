using A3C.Models.Networks;
using static TorchSharp.torch;

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
        var actions = tensor(batch.Actions.AsSpan(0, batch.Count).ToArray(), [batch.Count, 1], ScalarType.Int64, device);
        var returns = tensor(batch.Returns.AsSpan(0, batch.Count).ToArray(), [batch.Count], device: device);
        var discounts = tensor(batch.BootstrapDiscounts.AsSpan(0, batch.Count).ToArray(), [batch.Count], device: device);

        Tensor targets;
        using (no_grad())
        {
            var bootstrap = Observations.ToTensor(batch.BootstrapObservations, batch.Count, observationShape, device);
            var (_, bootstrapValues) = net.Evaluate(bootstrap);
            targets = returns + discounts * bootstrapValues;
        }

        var (logits, values) = net.Evaluate(observations);
        var logProbabilities = nn.functional.log_softmax(logits, 1);
        var advantage = targets - values.detach();
        var policy = -(advantage * logProbabilities.gather(1, actions).squeeze(1)).mean();
        var value = nn.functional.mse_loss(values, targets);
        var entropy = -(logProbabilities.exp() * logProbabilities).sum(1).mean();
        var total = policy + hyper.ValueCoefficient * value - hyper.EntropyBeta * entropy;
        return new Terms(total, policy, value, entropy, advantage, values, targets);
    }
}
