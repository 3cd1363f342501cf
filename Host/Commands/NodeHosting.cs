using A3C.Actors.Training.Cluster;
using A3C.Actors.Training.Cluster.Serialization;
using Akka.Hosting;

namespace A3C.Host.Commands;

/// <summary>What makes an actor system started through Akka.Hosting a cluster node, learner or worker alike.</summary>
internal static class NodeHosting
{
    /// <summary>
    /// The node's cluster configuration over the recipe's own <c>akka</c> section (added before it,
    /// so the node's settings win), and the training messages' serializer.
    /// </summary>
    public static void Configure(AkkaConfigurationBuilder akka, ClusterNodeSettings node)
    {
        akka.AddHocon(ClusterNodeConfig.Create(node), HoconAddMode.Prepend);
        akka.WithCustomSerializer(TrainingMessageSerializer.Alias, TrainingMessageSerializer.MessageTypes, system => new TrainingMessageSerializer(system));
    }
}
