using System.Net;
using A3C.Configuration;

namespace A3C.Actors.Training.Cluster;

/// <summary>How a cluster node is reached, from <c>a3c.remote</c>: Akka.Remote's host and port and the tensor channel's port.</summary>
public sealed record NodeNetworkSettings(string Host, string PublicHost, int Port, int TensorPort, long MaxMessageSize)
    : IConfigSettings<NodeNetworkSettings>
{
    public static string SectionPath => "a3c.remote";

    public static NodeNetworkSettings Read(SettingsReader r)
    {
        var settings = new NodeNetworkSettings(r.GetString("host"), r.GetString("public-host"), r.GetInt("port"), r.GetInt("tensor-port"),
            r.GetByteSize("max-message-size"));
        if (settings.Host.Length == 0) throw r.Invalid("host", "the address to listen on, e.g. 127.0.0.1 or 0.0.0.0");
        if (settings.Port is < 0 or > 65535) throw r.Invalid("port", $"a TCP port in [0, 65535] (0 picks a free one), got {settings.Port}");
        if (settings.TensorPort is < 0 or > 65535)
            throw r.Invalid("tensor-port", $"a TCP port in [0, 65535] (0 picks a free one), got {settings.TensorPort}");
        if (settings.MaxMessageSize is < 1024 * 1024 or > int.MaxValue)
            throw r.Invalid("max-message-size", $"between 1MiB and 2GiB (a weight snapshot must fit), got {settings.MaxMessageSize}");
        return settings;
    }

    /// <summary>This node's cluster settings, <paramref name="port"/> (from <c>--port</c>) over the configured one.</summary>
    public ClusterNodeSettings ForNode(string role, int? port, IReadOnlyList<string> seeds) =>
        new(role, Host, port ?? Port, seeds)
        {
            // A node bound to every interface must still advertise one address others can reach.
            PublicHostname = PublicHost.Length > 0 ? PublicHost : Host == "0.0.0.0" ? Dns.GetHostName() : null,
            MaximumFrameSize = (int)MaxMessageSize,
            TensorPort = role == ClusterRoles.Learner ? TensorPort : 0,
        };
}
