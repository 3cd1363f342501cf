using A3C.Actors.Cluster;
using A3C.Actors.Remote;
using A3C.Actors.Runtime;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// Makes a training run's actor system a cluster's learner node: remoting speaking the training
/// messages, and the cluster seed that worker nodes (<see cref="WorkerNodeSession"/>) join.
/// Whoever starts it disposes the remoting when the run ends.
/// </summary>
public static class LearnerNode
{
    public const string Role = "learner";

    public static async Task<(Remoting Remoting, ClusterNode Cluster)> StartAsync(ActorSystem system, RemoteSettings remote)
    {
        var remoting = await Remoting.StartAsync(system, remote, TrainingCodecs.Registry());
        return (remoting, ClusterNode.StartSeed(remoting, Role));
    }
}
