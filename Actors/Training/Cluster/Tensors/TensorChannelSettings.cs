using Akka.Configuration;

namespace A3C.Actors.Training.Cluster.Tensors;

/// <summary>Where a node's tensor channel listens and the largest frame it takes, from <c>a3c.tensor-channel</c>.</summary>
public sealed record TensorChannelSettings(string Hostname, int Port, int MaximumFrameSize)
{
    public const string Section = "a3c.tensor-channel";

    /// <summary>
    /// The node's settings: <c>a3c.tensor-channel</c> where given, else the host Akka.Remote binds,
    /// any free port, and Akka.Remote's maximum frame size.
    /// </summary>
    public static TensorChannelSettings FromConfig(Config config)
    {
        var remote = config.GetConfig("akka.remote.dot-netty.tcp");
        var hostname = config.GetString($"{Section}.hostname", null) ?? remote?.GetString("hostname", null);
        var frame = config.GetByteSize($"{Section}.maximum-frame-size", null) ?? remote?.GetByteSize("maximum-frame-size", null) ?? 64 * 1024 * 1024;
        var port = config.GetInt($"{Section}.port", 0);
        if (port is < 0 or > 65535) throw new ConfigurationException($"{Section}.port = {port}: expected 0 (any free port) to 65535");
        if (frame is < 1024 or > int.MaxValue) throw new ConfigurationException($"{Section}.maximum-frame-size = {frame}: expected 1 KiB to 2 GiB");
        return new TensorChannelSettings(string.IsNullOrEmpty(hostname) ? "127.0.0.1" : hostname, port, (int)frame);
    }
}
