using System.Numerics;
using System.Runtime.CompilerServices;

namespace A3C.Models.Algorithms;

/// <summary>
/// The A2C loss of the small actor-critic MLP and its gradient with respect to every weight, in
/// managed code, the derivatives written out rather than recorded by autograd. For CartPole-sized
/// networks each tensor op costs more in dispatch and autograd bookkeeping than in arithmetic.
/// <code>
///   hidden = relu(W1 x + b1),  logits = Wp hidden + bp,  value = Wv hidden + bv
///   target = R + discount · value(bootstrap observation)            (no gradient)
///   loss   = −mean(adv · log π(a)) + c_v · mean((target − value)²) − β · mean(H(π)),  adv = target − value
///   ∂loss/∂logit_j = (−adv (1[j = a] − π_j) + β π_j (log π_j + H)) / B
///   ∂loss/∂value   = 2 c_v (value − target) / B
/// </code>
/// Weights and gradient are flat, in the network's parameter order: body weight [H, I], body bias
/// [H], policy weight [A, H], policy bias [A], value weight [1, H], value bias [1]. An instance
/// keeps its scratch buffers and is not safe to share between threads.
/// </summary>
public sealed class MlpA2CGradients
{
    private readonly int _inputs;
    private readonly int _hidden;
    private readonly int _actions;

    // The hidden layer is padded to whole SIMD vectors so that no loop needs a scalar tail: the
    // padding's weights stay 0, so its units are relu(0) = 0 and neither add nor pass gradient.
    private readonly int _width;

    // The weights, copied at each call into the layouts the loops walk: the body weight by input,
    // [I, width], so the hidden layer is I vector multiply-adds; the rest padded to width.
    private readonly float[] _bodyWeightByInput;
    private readonly float[] _bodyBias;
    private readonly float[] _policyWeight;
    private readonly float[] _policyBias;
    private readonly float[] _valueWeight;
    private float _valueBias;

    // Gradient sums over the batch, in the same layouts.
    private readonly float[] _bodyWeightByInputGradient;
    private readonly float[] _bodyBiasGradient;
    private readonly float[] _policyWeightGradient;
    private readonly float[] _policyBiasGradient;
    private readonly float[] _valueWeightGradient;
    private float _valueBiasGradient;

    // One row at a time: the loss needs nothing across rows but sums, so no buffer grows with the batch.
    private readonly float[] _activations;
    private readonly float[] _logits;
    private readonly float[] _logProbabilities;

    public MlpA2CGradients(int inputs, int hidden, int actions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actions, 1);
        _inputs = inputs;
        _hidden = hidden;
        _actions = actions;
        _width = (hidden + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        _bodyWeightByInput = new float[inputs * _width];
        _bodyBias = new float[_width];
        _policyWeight = new float[actions * _width];
        _policyBias = new float[actions];
        _valueWeight = new float[_width];
        _bodyWeightByInputGradient = new float[inputs * _width];
        _bodyBiasGradient = new float[_width];
        _policyWeightGradient = new float[actions * _width];
        _policyBiasGradient = new float[actions];
        _valueWeightGradient = new float[_width];
        _activations = new float[_width];
        _logits = new float[actions];
        _logProbabilities = new float[actions];
    }

    public int Inputs => _inputs;
    public int Hidden => _hidden;
    public int Actions => _actions;

    /// <summary>Weights (and gradient values) of the network, value head included.</summary>
    public int WeightCount => _hidden * _inputs + _hidden + _actions * _hidden + _actions + _hidden + 1;

    /// <summary>
    /// Writes the gradient of the A2C loss on the batch's first <paramref name="batch"/> rows into
    /// <paramref name="gradient"/>, overwriting it, and returns the loss and its terms. The row
    /// spans may be longer than the batch; what lies beyond it is not read. A row whose discount
    /// is 0 (the episode terminated) has its return as target, and its bootstrap observation is
    /// not read. <paramref name="gradient"/> may be the same memory as <paramref name="weights"/>.
    /// </summary>
    /// <param name="observations">[batch, inputs], row-major.</param>
    /// <param name="bootstrapObservations">What each row's target bootstraps from, [batch, inputs].</param>
    /// <param name="bootstrapDiscounts">γ^k per row, or 0 where the episode terminated.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MlpA2CTerms Compute(ReadOnlySpan<float> weights, Span<float> gradient, int batch,
        ReadOnlySpan<float> observations, ReadOnlySpan<int> actions, ReadOnlySpan<float> returns,
        ReadOnlySpan<float> bootstrapObservations, ReadOnlySpan<float> bootstrapDiscounts,
        double valueCoefficient, double entropyBeta)
    {
        Validate(weights, gradient, batch, observations, actions, returns, bootstrapObservations, bootstrapDiscounts);
        Load(weights);
        ClearGradientSums();

        var inverseBatch = 1f / batch;
        float valueCoefficientF = (float)valueCoefficient, beta = (float)entropyBeta;
        double policy = 0, value = 0, entropy = 0, advantages = 0, values = 0, targets = 0;
        var logits = _logits.AsSpan();
        var logProbabilities = _logProbabilities.AsSpan();
        for (var row = 0; row < batch; row++)
        {
            var target = returns[row];
            var discount = bootstrapDiscounts[row];
            if (discount != 0)
            {
                Forward(bootstrapObservations.Slice(row * _inputs, _inputs));
                target += discount * Value();
            }

            var observation = observations.Slice(row * _inputs, _inputs);
            Forward(observation);
            var estimate = Value();
            for (var a = 0; a < _actions; a++)
                logits[a] = _policyBias[a] + VectorMath.Dot(_policyWeight.AsSpan(a * _width, _width), _activations);
            var rowEntropy = LogSoftmax(logits, logProbabilities);

            var action = actions[row];
            var advantage = target - estimate;
            policy -= (double)advantage * logProbabilities[action];
            value += (double)advantage * advantage;
            entropy += rowEntropy;
            advantages += advantage;
            values += estimate;
            targets += target;

            // ∂loss/∂logits over the logits, which are not needed any more.
            for (var a = 0; a < _actions; a++)
            {
                var p = MathF.Exp(logProbabilities[a]);
                var chosen = a == action ? 1f : 0f;
                logits[a] = (-advantage * (chosen - p) + beta * p * (logProbabilities[a] + rowEntropy)) * inverseBatch;
            }
            Backward(observation, logits, 2f * valueCoefficientF * (estimate - target) * inverseBatch);
        }

        Store(gradient);
        double n = batch;
        return new MlpA2CTerms(policy / n + valueCoefficient * (value / n) - entropyBeta * (entropy / n),
            policy / n, value / n, entropy / n, advantages / n, values / n, targets / n);
    }

    private void Validate(ReadOnlySpan<float> weights, Span<float> gradient, int batch, ReadOnlySpan<float> observations,
        ReadOnlySpan<int> actions, ReadOnlySpan<float> returns, ReadOnlySpan<float> bootstrapObservations,
        ReadOnlySpan<float> bootstrapDiscounts)
    {
        if (weights.Length != WeightCount)
            throw new ArgumentException(
                $"a {_inputs}-{_hidden}-{_actions} actor-critic MLP has {WeightCount} weights, {nameof(weights)} holds {weights.Length}", nameof(weights));
        if (gradient.Length != WeightCount)
            throw new ArgumentException(
                $"a {_inputs}-{_hidden}-{_actions} actor-critic MLP has {WeightCount} weights, {nameof(gradient)} holds {gradient.Length}", nameof(gradient));
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "the batch is empty: it needs at least one row");
        RequireRows(observations.Length, (long)batch * _inputs, batch, nameof(observations));
        RequireRows(bootstrapObservations.Length, (long)batch * _inputs, batch, nameof(bootstrapObservations));
        RequireRows(actions.Length, batch, batch, nameof(actions));
        RequireRows(returns.Length, batch, batch, nameof(returns));
        RequireRows(bootstrapDiscounts.Length, batch, batch, nameof(bootstrapDiscounts));
        for (var row = 0; row < batch; row++)
            if ((uint)actions[row] >= (uint)_actions)
                throw new ArgumentException(
                    $"action {actions[row]} in row {row} is outside the policy's {_actions} actions [0, {_actions})", nameof(actions));
    }

    private static void RequireRows(int length, long needed, int batch, string name)
    {
        if (length < needed)
            throw new ArgumentException($"{name} holds {length} values, a batch of {batch} rows needs {needed}", name);
    }

    private void Load(ReadOnlySpan<float> weights)
    {
        var at = 0;
        for (var h = 0; h < _hidden; h++)
        for (var i = 0; i < _inputs; i++)
            _bodyWeightByInput[i * _width + h] = weights[at++];
        weights.Slice(at, _hidden).CopyTo(_bodyBias);
        at += _hidden;
        for (var a = 0; a < _actions; a++, at += _hidden)
            weights.Slice(at, _hidden).CopyTo(_policyWeight.AsSpan(a * _width));
        weights.Slice(at, _actions).CopyTo(_policyBias);
        at += _actions;
        weights.Slice(at, _hidden).CopyTo(_valueWeight);
        _valueBias = weights[at + _hidden];
    }

    private void ClearGradientSums()
    {
        Array.Clear(_bodyWeightByInputGradient);
        Array.Clear(_bodyBiasGradient);
        Array.Clear(_policyWeightGradient);
        Array.Clear(_policyBiasGradient);
        Array.Clear(_valueWeightGradient);
        _valueBiasGradient = 0;
    }

    /// <summary>The gradient sums, back in the network's layout (the padding dropped).</summary>
    private void Store(Span<float> gradient)
    {
        var at = 0;
        for (var h = 0; h < _hidden; h++)
        for (var i = 0; i < _inputs; i++)
            gradient[at++] = _bodyWeightByInputGradient[i * _width + h];
        _bodyBiasGradient.AsSpan(0, _hidden).CopyTo(gradient[at..]);
        at += _hidden;
        for (var a = 0; a < _actions; a++, at += _hidden)
            _policyWeightGradient.AsSpan(a * _width, _hidden).CopyTo(gradient[at..]);
        _policyBiasGradient.AsSpan().CopyTo(gradient[at..]);
        at += _actions;
        _valueWeightGradient.AsSpan(0, _hidden).CopyTo(gradient[at..]);
        gradient[at + _hidden] = _valueBiasGradient;
    }

    /// <summary>relu(W1 x + b1) into the activations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Forward(ReadOnlySpan<float> observation)
    {
        var activations = _activations.AsSpan();
        _bodyBias.CopyTo(activations);
        for (var i = 0; i < _inputs; i++)
            VectorMath.AddScaled(activations, _bodyWeightByInput.AsSpan(i * _width, _width), observation[i]);
        VectorMath.Relu(activations);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Value() => _valueBias + VectorMath.Dot(_valueWeight, _activations);

    /// <summary>log softmax(logits) into <paramref name="logProbabilities"/>; returns the entropy −Σ π log π.</summary>
    private static float LogSoftmax(ReadOnlySpan<float> logits, Span<float> logProbabilities)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits) max = MathF.Max(max, logit);
        var sum = 0f;
        foreach (var logit in logits) sum += MathF.Exp(logit - max);
        var logSum = max + MathF.Log(sum);
        var entropy = 0f;
        for (var a = 0; a < logits.Length; a++)
        {
            logProbabilities[a] = logits[a] - logSum;
            entropy -= MathF.Exp(logProbabilities[a]) * logProbabilities[a];
        }
        return entropy;
    }

    /// <summary>
    /// Adds one row's gradient to the sums, from ∂loss/∂logits and ∂loss/∂value, in one pass over
    /// the hidden units: each vector of activations is loaded once and serves every sum it feeds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlySpan<float> observation, ReadOnlySpan<float> logitGradients, float valueGradient)
    {
        _valueBiasGradient += valueGradient;
        for (var a = 0; a < _actions; a++) _policyBiasGradient[a] += logitGradients[a];
        for (var k = 0; k < _width; k += Vector<float>.Count)
        {
            var activation = new Vector<float>(_activations, k);
            var hiddenGradient = valueGradient * new Vector<float>(_valueWeight, k);
            (new Vector<float>(_valueWeightGradient, k) + valueGradient * activation).CopyTo(_valueWeightGradient, k);
            for (int a = 0, at = k; a < _actions; a++, at += _width)
            {
                hiddenGradient += logitGradients[a] * new Vector<float>(_policyWeight, at);
                (new Vector<float>(_policyWeightGradient, at) + logitGradients[a] * activation).CopyTo(_policyWeightGradient, at);
            }
            // relu passes no gradient where it was off
            hiddenGradient = Vector.ConditionalSelect(Vector.GreaterThan(activation, Vector<float>.Zero), hiddenGradient, Vector<float>.Zero);
            (new Vector<float>(_bodyBiasGradient, k) + hiddenGradient).CopyTo(_bodyBiasGradient, k);
            for (int i = 0, at = k; i < _inputs; i++, at += _width)
                (new Vector<float>(_bodyWeightByInputGradient, at) + observation[i] * hiddenGradient).CopyTo(_bodyWeightByInputGradient, at);
        }
    }
}
