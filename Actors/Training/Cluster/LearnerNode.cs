using Akka.Actor;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// Makes a training run's actor system, configured as a learner node (<see cref="ClusterNodeConfig"/>),
/// a cluster's learner: the cluster formed with this node as its seed, and the run's contract on
/// offer to worker nodes.
/// </summary>
public static class LearnerNode
{
    /// <summary>
    /// Forms the cluster (this node is its first seed unless it was given others), opens the tensor
    /// channel, and answers worker nodes' <see cref="DescribeTraining"/> with the run's contract and the channel's port.
    /// </summary>
    public static void Start(ActorSystem system, TrainingRecipe recipe)
    {
        var contract = TrainingContract.Of(recipe) with { TensorPort = Tensors.TensorChannel.Get(system).Port };
        system.ActorOf(Props.Create(() => new TrainingContractResponder(contract)), TrainingContractResponder.Name);
        system.ActorOf(Props.Create(() => new WorkerGateway("/user/run/learner")), WorkerGateway.Name);
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (system.Settings.Config.GetStringList("akka.cluster.seed-nodes").Count == 0) cluster.Join(cluster.SelfAddress);
    }
}
