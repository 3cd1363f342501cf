using A3C.Actors.Training.Cluster;
using System.Net;
using System.Net.Sockets;
using A3C.Configuration;
using Akka.Hosting;

namespace A3C.Host.Commands;

/// <summary>How <c>a3c node --role learner</c> differs from <c>a3c train</c>: it forms a cluster that worker nodes join, and starts <paramref name="LocalWorkers"/> itself.</summary>
/// <param name="Port">Overrides <c>a3c.remote.port</c> when given.</param>
internal sealed record LearnerNodeOptions(int? Port, int LocalWorkers)
{
    /// <summary>The node's cluster settings, once read from the recipe (<see cref="WithConfig"/>).</summary>
    public ClusterNodeSettings? Node { get; init; }

    /// <exception cref="ConfigException">A bad <c>a3c.remote</c> key, named.</exception>
    /// <exception cref="ArgumentException">A port already taken: another learner, most likely.</exception>
    public LearnerNodeOptions WithConfig(Config config)
    {
        var node = config.Bind<NodeNetworkSettings>().ForNode(ClusterRoles.Learner, Port, []);
        // Checked before anything starts, for a clear error instead of Akka's bind failure deep in start-up.
        RequireFree(node.Hostname, node.Port, "--port / remote.port");
        RequireFree(node.Hostname, node.TensorPort, "remote.tensor-port");
        return this with { Node = node };
    }

    private static void RequireFree(string host, int port, string key)
    {
        if (port == 0) return;
        try
        {
            using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.TryParse(host, out var address) ? address : IPAddress.Any, port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new ArgumentException($"{host}:{port} ({key}) is already in use: another learner node (or another program) listens there");
        }
    }

    /// <summary>Akka.Cluster with the learner role and the training messages' serializer, over the recipe's own <c>akka</c> section.</summary>
    public void Configure(AkkaConfigurationBuilder akka) =>
        NodeHosting.Configure(akka, Node ?? throw new InvalidOperationException("WithConfig reads the node's settings first"));
}
