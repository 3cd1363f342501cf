using A3C.LibTorch.Nn;
using A3C.LibTorch.Optim;

namespace A3C.LibTorch.Serialization;

/// <summary>
/// A network's parameters together with its optimizer's state, as one byte array: what a
/// checkpoint stores so that training resumes exactly where it stopped.
/// </summary>
public static class StateSerializer
{
    private const string ParameterPrefix = "param.";
    private const string OptimizerPrefix = "optim.";

    public static byte[] Serialize(Module module, Optimizer? optimizer = null)
    {
        var entries = module.NamedParameters().Select(p => new KeyValuePair<string, Tensor>(ParameterPrefix + p.Key, p.Value)).ToList();
        IReadOnlyList<Tensor> state = optimizer?.GetState() ?? [];
        try
        {
            entries.AddRange(state.Select((t, i) => new KeyValuePair<string, Tensor>(OptimizerPrefix + i, t)));
            return TensorSerializer.ToBytes(entries);
        }
        finally
        {
            foreach (var tensor in state) tensor.Dispose();
        }
    }

    /// <summary>Loads parameters (and optimizer state, when given) saved by <see cref="Serialize"/>.</summary>
    public static void Restore(byte[] bytes, Module module, Optimizer? optimizer = null)
    {
        var entries = TensorSerializer.FromBytes(bytes);
        try
        {
            var parameters = entries.Where(e => e.Key.StartsWith(ParameterPrefix, StringComparison.Ordinal))
                .ToDictionary(e => e.Key[ParameterPrefix.Length..], e => e.Value);
            module.LoadStateDict(parameters);
            if (optimizer is null) return;
            var state = entries.Where(e => e.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).Select(e => e.Value).ToList();
            optimizer.SetState(state);
        }
        finally
        {
            foreach (var (_, tensor) in entries) tensor.Dispose();
        }
    }
}
