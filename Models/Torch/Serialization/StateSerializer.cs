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

    /// <remarks>
    /// The optimizer's state is copied by one native call straight into the archive, with no tensor
    /// per entry: a learner that checkpoints dozens of times a second pays for the bytes, not the handles.
    /// </remarks>
    public static unsafe byte[] Serialize(Module module, Optimizer? optimizer = null)
    {
        var parameters = module.NamedParameters().ToList();
        var entries = parameters.Select(p => ArchiveEntry.Of(ParameterPrefix + p.Key, p.Value)).ToList();
        if (optimizer is not null) entries.AddRange(OptimizerEntries(optimizer));
        var archive = TensorSerializer.Allocate(entries, out var dataOffsets);
        for (var i = 0; i < parameters.Count; i++)
        {
            TensorSerializer.CopyElements(parameters[i].Value, archive.AsSpan(dataOffsets[i], entries[i].DataBytes));
        }

        if (optimizer is null) return archive;
        var stateEntries = entries.Count - parameters.Count;
        var destinations = new byte*[stateEntries];
        var sizes = new long[stateEntries];
        fixed (byte* start = archive)
        {
            for (var k = 0; k < stateEntries; k++)
            {
                destinations[k] = start + dataOffsets[parameters.Count + k];
                sizes[k] = entries[parameters.Count + k].DataBytes;
            }

            optimizer.CopyStateTo(destinations, sizes);
        }

        return archive;
    }

    // GetState's layout: per parameter a step counter (a double scalar), then buffers shaped like it.
    private static IEnumerable<ArchiveEntry> OptimizerEntries(Optimizer optimizer)
    {
        var perParameter = optimizer.StateEntriesPerParameter;
        var k = 0;
        foreach (var parameter in optimizer.Parameters)
        {
            yield return new ArchiveEntry(OptimizerPrefix + k++, ScalarType.Float64, []);
            var (dtype, shape) = (parameter.Dtype, parameter.Shape);
            for (var buffer = 1; buffer < perParameter; buffer++) yield return new ArchiveEntry(OptimizerPrefix + k++, dtype, shape);
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
