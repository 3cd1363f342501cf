using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// A network's weights and its optimizer's state as bytes: the weights as a safetensors file under
/// PyTorch's parameter names (so Python reads them as they are), the optimizer in TorchSharp's own
/// state format. Loading checks names and shapes first and says which parameter does not fit.
/// </summary>
public static class NetworkState
{
    public static byte[] SaveWeights(nn.Module module)
    {
        using var stream = new MemoryStream();
        module.save_safetensors(stream, leaveOpen: true);
        return stream.ToArray();
    }

    /// <summary>Loads weights saved by <see cref="SaveWeights"/> (or by PyTorch's safetensors) into <paramref name="module"/>.</summary>
    /// <exception cref="ArgumentException">A parameter is missing, extra, or shaped differently; the message names it and both shapes.</exception>
    public static void LoadWeights(nn.Module module, byte[] safetensors)
    {
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> stored;
        try
        {
            using var stream = new MemoryStream(safetensors, writable: false);
            stored = Safetensors.LoadStateDict(stream);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw new ArgumentException($"the weights are not a readable safetensors file: {e.Message}", e);
        }
        LoadWeights(module, stored);
    }

    /// <summary>Copies named tensors into the module's parameters after checking that every name and shape fits.</summary>
    public static void LoadWeights(nn.Module module, IReadOnlyDictionary<string, Tensor> stored)
    {
        var expected = module.state_dict();
        var missing = expected.Keys.Where(k => !stored.ContainsKey(k)).ToList();
        var extra = stored.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new ArgumentException(
                (missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : "") +
                (missing.Count > 0 && extra.Count > 0 ? "; " : "") +
                (extra.Count > 0 ? $"unexpected {string.Join(", ", extra)}" : "") +
                $" (the network has {string.Join(", ", expected.Keys)})");
        foreach (var (name, target) in expected)
        {
            var source = stored[name];
            if (!source.shape.SequenceEqual(target.shape))
                throw new ArgumentException($"'{name}' is [{string.Join(", ", source.shape)}] in the stored weights, [{string.Join(", ", target.shape)}] in the network");
            if (source.dtype != target.dtype)
                throw new ArgumentException($"'{name}' is {source.dtype} in the stored weights, {target.dtype} in the network");
        }
        using var noGrad = no_grad();
        foreach (var (name, target) in expected) target.copy_(stored[name]);
    }

    public static byte[] SaveOptimizer(OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        return stream.ToArray();
    }

    /// <exception cref="ArgumentException">The state is for another optimizer or other parameter shapes.</exception>
    public static void LoadOptimizer(OptimizerHelper optimizer, byte[] state)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(state, writable: false));
            optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ExternalException or ArgumentException)
        {
            throw new ArgumentException($"the optimizer state does not fit this optimizer: {e.Message}", e);
        }
    }
}
