using A3C.LibTorch.Native;

namespace A3C.LibTorch.Fused;

/// <summary>
/// The A2C loss and backward pass of an actor-critic MLP (one hidden ReLU layer shared by a
/// policy head and a value head) in one native call, with the gradients written analytically.
/// For CartPole-sized networks this replaces a few dozen tensor ops, each of which costs more in
/// call and autograd overhead than in arithmetic. Parameters, in order: body weight [H, I] and
/// bias [H], policy weight [A, H] and bias [A], value weight [1, H] and bias [1]; all contiguous
/// float32 on the CPU.
/// </summary>
public static class MlpA2C
{
    /// <summary>The loss terms and batch means, as the op-by-op loss would report them.</summary>
    public readonly record struct Terms(double Total, double Policy, double Value, double Entropy,
        double MeanAdvantage, double MeanValue, double MeanTarget);

    private const int ParameterCount = 6;
    private const int TermCount = 7;

    /// <summary>
    /// Sets every parameter's gradient to that of the A2C loss on the batch (replacing what was
    /// there, as zero_grad then backward would) and returns the loss terms.
    /// </summary>
    /// <param name="observations">[batch, inputs] row-major.</param>
    /// <param name="bootstrapObservations">Where each target bootstraps from, [batch, inputs].</param>
    /// <param name="bootstrapDiscounts">γ^k per row, or 0 where the episode terminated.</param>
    public static unsafe Terms Backward(IReadOnlyList<Tensor> parameters, int batch, ReadOnlySpan<float> observations,
        ReadOnlySpan<int> actions, ReadOnlySpan<float> returns, ReadOnlySpan<float> bootstrapObservations,
        ReadOnlySpan<float> bootstrapDiscounts, double valueCoefficient, double entropyBeta)
    {
        if (parameters.Count != ParameterCount)
            throw new ArgumentException($"the fused A2C loss needs the MLP's {ParameterCount} parameters, got {parameters.Count}", nameof(parameters));
        var inputs = parameters[0].Shape is [_, var width] ? width : 0;
        RequireLength(observations, batch * inputs, nameof(observations));
        RequireLength(bootstrapObservations, batch * inputs, nameof(bootstrapObservations));
        RequireLength(actions, batch, nameof(actions));
        RequireLength(returns, batch, nameof(returns));
        RequireLength(bootstrapDiscounts, batch, nameof(bootstrapDiscounts));

        using var handles = new HandleArray(parameters);
        var terms = stackalloc double[TermCount];
        fixed (IntPtr* p = handles.Pointers)
        fixed (float* o = observations, r = returns, b = bootstrapObservations, d = bootstrapDiscounts)
        fixed (int* a = actions)
            NativeMethods.Check(NativeMethods.a3c_mlp_a2c_backward(p, handles.Count, o, a, r, b, d, batch,
                valueCoefficient, entropyBeta, terms));
        return new Terms(terms[0], terms[1], terms[2], terms[3], terms[4], terms[5], terms[6]);
    }

    private static void RequireLength<T>(ReadOnlySpan<T> span, long expected, string name)
    {
        if (span.Length < expected)
            throw new ArgumentException($"{name} holds {span.Length} values, the batch needs {expected}", name);
    }
}
