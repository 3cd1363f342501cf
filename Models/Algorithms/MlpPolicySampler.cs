using System.Numerics;

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
    private readonly float[] _input;
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
        _input = new float[observationSize];
        _activations = new float[hidden];
        _logits = new float[actionCount];
    }

    /// <summary>Weights in <see cref="MlpActorCritic"/>'s parameter order, value head included.</summary>
    public int WeightCount => _hidden * _inputs + _hidden + _actions * _hidden + _actions + _hidden + 1;

    /// <summary>Keeps a reference to <paramref name="weights"/>: snapshots are never changed once sent.</summary>
    public void Load(float[] weights)
    {
        if (weights.Length != WeightCount)
            throw new ArgumentException(
                $"a {_inputs}-{_hidden}-{_actions} actor-critic MLP has {WeightCount} weights, the snapshot has {weights.Length}", nameof(weights));
        _weights = weights;
    }

    public void Sample<TObs>(TObs[] observations, int count, Span<int> actions) where TObs : unmanaged, INumberBase<TObs>
    {
        for (var row = 0; row < count; row++)
        {
            Logits(observations.AsSpan(row * _inputs, _inputs), _logits);
            actions[row] = Draw(_logits);
        }
    }

    /// <summary>The policy's logits for one observation.</summary>
    public void Logits<TObs>(ReadOnlySpan<TObs> observation, Span<float> logits) where TObs : unmanaged, INumberBase<TObs>
    {
        var weights = _weights ?? throw new InvalidOperationException("no weights loaded yet: call Load first");
        for (var i = 0; i < _inputs; i++) _input[i] = float.CreateTruncating(observation[i]);

        // Parameter order: body weight [H, I], body bias [H], policy weight [A, H], policy bias [A].
        var bodyWeight = weights.AsSpan(0, _hidden * _inputs);
        var bodyBias = weights.AsSpan(_hidden * _inputs, _hidden);
        var policyWeight = weights.AsSpan(_hidden * _inputs + _hidden, _actions * _hidden);
        var policyBias = weights.AsSpan(_hidden * _inputs + _hidden + _actions * _hidden, _actions);
        for (var h = 0; h < _hidden; h++)
            _activations[h] = MathF.Max(0, bodyBias[h] + Dot(bodyWeight.Slice(h * _inputs, _inputs), _input));
        for (var a = 0; a < _actions; a++)
            logits[a] = policyBias[a] + Dot(policyWeight.Slice(a * _hidden, _hidden), _activations);
    }

    /// <summary>One draw from softmax(<paramref name="logits"/>) by inverting its cumulative distribution.</summary>
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

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        var result = Vector.Sum(sum);
        for (; i < a.Length; i++) result += a[i] * b[i];
        return result;
    }

    /// <summary>Nothing to free: the sampler holds managed memory only.</summary>
    public void Dispose()
    {
    }
}
