namespace A3C.Models.Networks;

/// <summary>libtorch could not be loaded: an installation problem, not a bad recipe.</summary>
public sealed class LibTorchUnavailableException(string message, Exception cause) : Exception(message, cause);
