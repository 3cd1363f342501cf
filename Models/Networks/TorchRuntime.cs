using TorchSharp;

namespace A3C.Models.Networks;

/// <summary>
/// Where tensors live (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>, as PyTorch spells devices), checked
/// against the libtorch this build loaded, and the process-wide libtorch settings.
/// </summary>
public static class TorchRuntime
{
    /// <summary>
    /// Loads libtorch now, so a broken installation fails at start with what went wrong, not inside
    /// an actor. TorchSharp's own message blames a missing package reference whatever the cause.
    /// </summary>
    /// <exception cref="LibTorchUnavailableException">libtorch could not be loaded; the message has TorchSharp's own.</exception>
    public static void EnsureLoaded()
    {
        try
        {
            _ = torch.get_num_threads();
        }
        catch (TypeInitializationException e) when (e.InnerException is { } cause)
        {
            throw new LibTorchUnavailableException(
                "libtorch could not be loaded through TorchSharp. On Debian 12 the build marks one symbol version " +
                "of libLibTorchSharp.so weak (see README, Networks on TorchSharp): rebuild with `dotnet build` rather " +
                $"than copying an output folder from another machine. TorchSharp said: {cause.Message}", cause);
        }
    }

    /// <summary>
    /// Parses a device and makes sure it can be used here: asking for CUDA on a CPU build, or on a
    /// machine without the GPU, is an <see cref="ArgumentException"/> that says what to do.
    /// </summary>
    public static torch.Device Require(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        var index = -1;
        var isCuda = trimmed == "cuda" || (trimmed.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(trimmed.AsSpan(5), out index) && index >= 0);
        if (trimmed == "cpu") return torch.CPU;
        if (!isCuda) throw new ArgumentException($"'{text}' is not a device: expected cpu, cuda or cuda:N");
        if (!torch.cuda.is_available())
            throw new ArgumentException(
                $"device {trimmed} was asked for, but this build's libtorch has no usable CUDA: build with " +
                "-p:TorchDevice=cuda (TorchSharp-cuda-linux) and run on a machine with an NVIDIA GPU, or use cpu");
        var count = torch.cuda.device_count();
        if (index >= count) throw new ArgumentException($"device {trimmed} was asked for, but only {count} CUDA device(s) exist");
        return new torch.Device(trimmed);
    }

    /// <summary>
    /// libtorch's intra-op threads for this process. With many actors on few cores, 1 avoids
    /// oversubscription: each actor already has a thread of its own.
    /// </summary>
    public static int IntraOpThreads
    {
        get => torch.get_num_threads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            EnsureLoaded();
            torch.set_num_threads(value);
        }
    }
}
