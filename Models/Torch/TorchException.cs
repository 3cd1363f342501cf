namespace A3C.LibTorch;

/// <summary>An error raised inside libtorch, carrying libtorch's own message (shapes, dtypes, devices).</summary>
public sealed class TorchException(string message) : Exception(message);
