using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// Writes a network's <c>state_dict</c> for PyTorch and reads one back in either
/// <see cref="WeightsFormat"/>, telling the two apart by their first bytes, not their file names.
/// </summary>
public static class WeightsFile
{
    /// <summary>Writes <paramref name="net"/>'s weights under their PyTorch names, as <c>torch.save(module.state_dict())</c> would.</summary>
    public static void WritePyTorch(nn.Module net, string path)
    {
        using var file = File.Create(path);
        net.save_py(file, leaveOpen: true);
    }

    /// <summary>The format of a weights file, from its content.</summary>
    /// <exception cref="ArgumentException">It is neither, saying what was found.</exception>
    public static WeightsFormat Detect(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[9];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        // torch.save writes a zip archive: a local file header first.
        if (read >= 4 && head[..4].SequenceEqual("PK\u0003\u0004"u8)) return WeightsFormat.PyTorch;
        // safetensors: the little-endian length of a JSON header, then the header.
        if (read == 9 && head[8] == (byte)'{' && BitConverter.ToUInt64(head[..8]) + 8 <= (ulong)file.Length) return WeightsFormat.Safetensors;
        throw new ArgumentException(
            $"{path} is neither a PyTorch state_dict (a torch.save zip archive) nor a safetensors file ({file.Length} bytes)");
    }

    /// <summary>Reads a <c>state_dict</c> in either format and returns it as a safetensors file's bytes.</summary>
    /// <exception cref="ArgumentException">The file is in neither format or cannot be read as one; the message names it.</exception>
    public static byte[] ReadAsSafetensors(string path)
    {
        var format = Detect(path);
        using var scope = NewDisposeScope();
        try
        {
            if (format == WeightsFormat.Safetensors)
            {
                var bytes = File.ReadAllBytes(path);
                using (var stream = new MemoryStream(bytes, writable: false)) Safetensors.LoadStateDict(stream); // Readable at all?
                return bytes;
            }

            Dictionary<string, Tensor> tensors;
            using (var file = File.OpenRead(path))
            {
                tensors = PyTorchUnpickler.UnpickleStateDict(file).Cast<System.Collections.DictionaryEntry>()
                    .ToDictionary(entry => (string)entry.Key, entry => entry.Value as Tensor
                        ?? throw new ArgumentException($"'{entry.Key}' in {path} is a {entry.Value?.GetType().Name ?? "null"}, not a tensor"));
            }
            using var output = new MemoryStream();
            Safetensors.SaveStateDict(output, tensors, leaveOpen: true);
            return output.ToArray();
        }
        catch (Exception e) when (e is not ArgumentException and not IOException and not UnauthorizedAccessException)
        {
            throw new ArgumentException($"{path} looks like a {Name(format)} file but cannot be read as one: {e.Message}", e);
        }
    }

    /// <summary>The name the command line and sidecars use.</summary>
    public static string Name(WeightsFormat format) => format switch
    {
        WeightsFormat.PyTorch => "pytorch",
        WeightsFormat.Safetensors => "safetensors",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
