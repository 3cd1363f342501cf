using System.Numerics;
using System.Runtime.CompilerServices;

namespace A3C.Models.Algorithms;

/// <summary>
/// The <see cref="MlpActorCritic"/>'s policy evaluated in managed code straight from a flat weight
/// snapshot: a hidden ReLU layer, the policy head, a softmax and one draw per observation. For a
/// CartPole-sized network this takes a few microseconds, where the same forward pass through
/// libtorch costs a native call per op. The value head is not needed to act and is not computed.
/// </summary>
public sealed class MlpPolicySampler : IPolicySampler
{
    private readonly int _inputs;
    private readonly int _hidden;
    private readonly int _actions;
    private readonly Random _random;
    private readonly float[] _bodyWeightByInput;
    private readonly float[] _activations;
    private readonly float[] _logits;
    private float[]? _weights;

    public MlpPolicySampler(int observationSize, int actionCount, int hidden, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        _inputs = observationSize;
        _hidden = hidden;
        _actions = actionCount;
        _random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        _bodyWeightByInput = new float[observationSize * hidden];
        _activations = new float[hidden];
        _logits = new float[actionCount];
    }

    /// <summary>Weights in <see cref="MlpActorCritic"/>'s parameter order, value head included.</summary>
    public int WeightCount => _hidden * _inputs + _hidden + _actions * _hidden + _actions + _hidden + 1;

    // Parameter order: body weight [H, I], body bias [H], policy weight [A, H], policy bias [A], value head.
    private int BodyBiasOffset => _hidden * _inputs;
    private int PolicyWeightOffset => BodyBiasOffset + _hidden;
    private int PolicyBiasOffset => PolicyWeightOffset + _actions * _hidden;

    /// <summary>Keeps a reference to <paramref name="weights"/>: snapshots are never changed once sent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Load(float[] weights)
    {
        if (weights.Length != WeightCount)
            throw new ArgumentException(
                $"a {_inputs}-{_hidden}-{_actions} actor-critic MLP has {WeightCount} weights, the snapshot has {weights.Length}", nameof(weights));
        _weights = weights;
        // The body weight by input, [I, H], so the hidden layer is a few vector multiply-adds.
        for (var h = 0; h < _hidden; h++)
        for (var i = 0; i < _inputs; i++)
            _bodyWeightByInput[i * _hidden + h] = weights[h * _inputs + i];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Sample<TObs>(TObs[] observations, int count, Span<int> actions) where TObs : unmanaged, INumberBase<TObs>
    {
        for (var row = 0; row < count; row++)
        {
            Logits(observations.AsSpan(row * _inputs, _inputs), _logits);
            actions[row] = Draw(_logits);
        }
    }

    /// <summary>The policy's logits for one observation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Logits<TObs>(ReadOnlySpan<TObs> observation, Span<float> logits) where TObs : unmanaged, INumberBase<TObs>
    {
        var weights = _weights ?? throw new InvalidOperationException("no weights loaded yet: call Load first");
        var activations = _activations.AsSpan();
        weights.AsSpan(BodyBiasOffset, _hidden).CopyTo(activations);
        for (var i = 0; i < _inputs; i++)
            VectorMath.AddScaled(activations, _bodyWeightByInput.AsSpan(i * _hidden, _hidden), float.CreateTruncating(observation[i]));
        VectorMath.Relu(activations);
        var policyWeight = weights.AsSpan(PolicyWeightOffset, _actions * _hidden);
        for (var a = 0; a < _actions; a++)
            logits[a] = weights[PolicyBiasOffset + a] + VectorMath.Dot(policyWeight.Slice(a * _hidden, _hidden), activations);
    }

    /// <summary>One draw from softmax(<paramref name="logits"/>) by inverting its cumulative distribution.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Draw(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits) max = MathF.Max(max, logit);
        double total = 0;
        foreach (var logit in logits) total += Math.Exp(logit - max);
        if (!double.IsFinite(total))
            throw new InvalidOperationException($"the policy's logits are not finite ([{string.Join(", ", logits.ToArray())}]): the weights hold NaN or infinity");
        var threshold = _random.NextDouble() * total;
        double cumulative = 0;
        for (var a = 0; a < logits.Length - 1; a++)
        {
            cumulative += Math.Exp(logits[a] - max);
            if (threshold < cumulative) return a;
        }
        return logits.Length - 1;
    }

    /// <summary>Nothing to free: the sampler holds managed memory only.</summary>
    public void Dispose()
    {
    }
}
