using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;

namespace A3C.Models.Algorithms;

/// <summary>
/// One update from a flat gradient, in managed code: clip it to a joint L2 norm as
/// torch.nn.utils.clip_grad_norm_ does, then take one Adam step, writing the parameters and the
/// optimizer's own <see cref="Adam.State"/> (step, exp_avg, exp_avg_sq) in place. Because the state
/// stays in TorchSharp's <see cref="Adam"/>, its save_state_dict / load_state_dict and its own
/// step() keep working alongside this one. For a network of a few hundred weights the update is a
/// few microseconds of arithmetic, where TorchSharp's step dispatches a dozen tensor ops per parameter.
/// <para>
/// Plain Adam only: weight decay, AMSGrad and maximize are refused. Every parameter must be a
/// contiguous float32 CPU tensor. The parameters are those of the optimizer's groups when this
/// was constructed; the learning rate, betas and eps are read from the groups at every step, so
/// schedulers and loaded states apply. The parameters' data is written outside autograd: a graph
/// that still holds them will not notice. An instance keeps scratch space for its step and is not
/// safe to share between threads.
/// </para>
/// </summary>
public sealed class ClippedAdam
{
    private readonly ParamGroup[] _groups;
    private readonly int[] _groupOfParameter;
    private readonly Parameter[] _parameters;
    private readonly Adam.State[] _states;
    private readonly int[] _offsets;

    // Where each parameter's data, exp_avg and exp_avg_sq lie during one step, gathered (and
    // their sizes checked) before anything is written, so a failed check leaves all untouched.
    private readonly nint[] _addresses;

    public ClippedAdam(Adam optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        _groups = [.. optimizer.ParamGroups.Cast<ParamGroup>()];
        var groupOfParameter = new List<int>();
        var parameters = new List<Parameter>();
        for (var g = 0; g < _groups.Length; g++)
        {
            CheckOptions(g);
            foreach (var parameter in _groups[g].Parameters)
            {
                var index = parameters.Count;
                if (parameter.dtype != torch.ScalarType.Float32 || parameter.device_type != DeviceType.CPU || !parameter.is_contiguous())
                    throw new ArgumentException(
                        $"parameter {index} is {parameter.dtype} on {parameter.device}{(parameter.is_contiguous() ? "" : ", not contiguous")}: " +
                        "the managed Adam step needs contiguous float32 CPU tensors", nameof(optimizer));
                parameters.Add(parameter);
                groupOfParameter.Add(g);
            }
        }
        _parameters = [.. parameters];
        _groupOfParameter = [.. groupOfParameter];

        // State objects live as long as the optimizer (load_state_dict copies into them), though
        // the tensors they hold are replaced on a load: those are read afresh at every step.
        var states = optimizer.state_dict().State;
        if (states.Count != _parameters.Length)
            throw new ArgumentException($"the optimizer has {states.Count} parameter states for {_parameters.Length} parameters", nameof(optimizer));
        _states = new Adam.State[_parameters.Length];
        _offsets = new int[_parameters.Length + 1];
        _addresses = new nint[3 * _parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            _states[i] = states[i] as Adam.State
                         ?? throw new ArgumentException($"parameter {i}'s optimizer state is a {states[i].GetType().Name}, not Adam's", nameof(optimizer));
            _offsets[i + 1] = checked(_offsets[i] + (int)_parameters[i].numel());
        }
    }

    /// <summary>The length of the flat gradient: every parameter's values, in order.</summary>
    public int GradientLength => _offsets[^1];

    /// <summary>
    /// Clips <paramref name="gradient"/> (flat, in parameter order; not modified) to a joint L2 norm
    /// of <paramref name="maxNorm"/>, scaling it by min(1, maxNorm / (norm + 1e-6)), and takes one
    /// Adam step with it. Returns the norm before clipping; when that is not finite (the gradient
    /// holds NaN or infinity) returns null and changes nothing, parameters, state and step counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double? Step(ReadOnlySpan<float> gradient, double maxNorm)
    {
        if (gradient.Length != GradientLength)
            throw new ArgumentException(
                $"the optimizer's parameters hold {GradientLength} values, the gradient {gradient.Length}", nameof(gradient));
        if (!(maxNorm > 0))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "the clipping norm must be positive");
        for (var g = 0; g < _groups.Length; g++) CheckOptions(g);

        var norm = Math.Sqrt(VectorMath.SumOfSquares(gradient));
        if (!double.IsFinite(norm)) return null;
        var clip = maxNorm / (norm + 1e-6);
        var scale = clip < 1 ? (float)clip : 1f;

        for (var i = 0; i < _parameters.Length; i++)
        {
            var length = _offsets[i + 1] - _offsets[i];
            _addresses[3 * i] = Address(_parameters[i], i, "parameter", length);
            _addresses[3 * i + 1] = Address(_states[i].exp_avg, i, "exp_avg", length);
            _addresses[3 * i + 2] = Address(_states[i].exp_avg_sq, i, "exp_avg_sq", length);
        }
        for (var i = 0; i < _parameters.Length; i++)
        {
            var options = (Adam.Options)_groups[_groupOfParameter[i]].Options;
            var state = _states[i];
            var step = state.step + 1;
            state.step = step;
            var length = _offsets[i + 1] - _offsets[i];
            Update(Floats(3 * i, length), gradient.Slice(_offsets[i], length), Floats(3 * i + 1, length), Floats(3 * i + 2, length),
                scale, options.LearningRate!.Value, options.beta1!.Value, options.beta2!.Value, options.eps!.Value, step);
        }
        return norm;
    }

    /// <summary>
    /// Adam's rule, element by element in float as TorchSharp's step computes it:
    /// m = β1 m + (1−β1) g;  v = β2 v + (1−β2) g²;  p −= lr / (1−β1^t) · m / (√v / √(1−β2^t) + ε).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> exponentialAverage,
        Span<float> exponentialAverageOfSquares, float scale, double learningRate, double beta1, double beta2, double eps, long step)
    {
        float b1 = (float)beta1, b1Weight = (float)(1 - beta1), b2 = (float)beta2, b2Weight = (float)(1 - beta2);
        var sqrtBiasCorrection2 = (float)Math.Sqrt(1 - Math.Pow(beta2, step));
        var stepSize = (float)(learningRate / (1 - Math.Pow(beta1, step)));
        var epsilon = (float)eps;
        var k = 0;
        for (; k <= parameter.Length - Vector<float>.Count; k += Vector<float>.Count)
        {
            var g = new Vector<float>(gradient[k..]) * scale;
            var m = new Vector<float>(exponentialAverage[k..]) * b1 + g * b1Weight;
            var v = new Vector<float>(exponentialAverageOfSquares[k..]) * b2 + g * g * b2Weight;
            var denominator = Vector.SquareRoot(v) / sqrtBiasCorrection2 + new Vector<float>(epsilon);
            (new Vector<float>(parameter[k..]) - stepSize * (m / denominator)).CopyTo(parameter[k..]);
            m.CopyTo(exponentialAverage[k..]);
            v.CopyTo(exponentialAverageOfSquares[k..]);
        }
        for (; k < parameter.Length; k++)
        {
            var g = gradient[k] * scale;
            var m = exponentialAverage[k] * b1 + g * b1Weight;
            var v = exponentialAverageOfSquares[k] * b2 + g * g * b2Weight;
            parameter[k] -= stepSize * (m / (MathF.Sqrt(v) / sqrtBiasCorrection2 + epsilon));
            exponentialAverage[k] = m;
            exponentialAverageOfSquares[k] = v;
        }
    }

    /// <summary>Where a contiguous CPU tensor's values start, once its length is checked.</summary>
    private static unsafe nint Address(torch.Tensor tensor, int index, string what, int length)
    {
        var bytes = tensor.bytes;
        if (bytes.Length != length * sizeof(float))
            throw new InvalidOperationException(
                $"{what} {index} holds {bytes.Length / sizeof(float)} floats, parameter {index} had {length} when this update was built");
        fixed (byte* start = bytes) return (nint)start;
    }

    /// <summary>The values at an address gathered for this step; the tensor is held by the optimizer.</summary>
    private unsafe Span<float> Floats(int slot, int length) => new((void*)_addresses[slot], length);

    private void CheckOptions(int group)
    {
        if (_groups[group].Options is not Adam.Options options)
            throw new NotSupportedException($"parameter group {group} has no Adam options");
        var decay = options.weight_decay ?? 0;
        if (decay != 0 || options.amsgrad == true || options.maximize == true)
        {
            string?[] refused = [decay != 0 ? $"weight_decay {decay}" : null, options.amsgrad == true ? "amsgrad" : null,
                options.maximize == true ? "maximize" : null];
            throw new NotSupportedException(
                $"the managed Adam step is plain Adam; parameter group {group} asks for {string.Join(", ", refused.OfType<string>())}");
        }
    }
}
