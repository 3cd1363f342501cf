using A3C.Actors.Training.Cluster;
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
    public LearnerNodeOptions WithConfig(Config config) =>
        this with { Node = config.Bind<NodeNetworkSettings>().ForNode(ClusterRoles.Learner, Port, []) };

    /// <summary>Akka.Cluster with the learner role and the training messages' serializer, over the recipe's own <c>akka</c> section.</summary>
    public void Configure(AkkaConfigurationBuilder akka) =>
        NodeHosting.Configure(akka, Node ?? throw new InvalidOperationException("WithConfig reads the node's settings first"));
}
