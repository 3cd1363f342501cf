using Akka.Actor;
using Akka.Cluster.Tools.Singleton;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// The learner as an Akka.Cluster singleton among the <see cref="ClusterRoles.Learner"/> nodes:
/// it runs on the oldest of them only, so one cluster never trains two learners; a second learner
/// node that joins just stands by. Worker nodes reach it through <see cref="StartProxy"/>, which
/// follows it to wherever it runs.
/// </summary>
public static class LearnerSingleton
{
    /// <summary>The manager's name under <c>/user</c>; the learner itself is its child <see cref="Name"/>.</summary>
    public const string ManagerName = "learner-singleton";

    public const string Name = "learner";

    public const string ProxyName = "learner-proxy";

    /// <summary>Where the learner runs on the node that holds it.</summary>
    public static string Path => $"/user/{ManagerName}/{Name}";

    /// <summary>Starts this learner node's singleton manager: it starts <paramref name="learner"/> when this node is the oldest learner.</summary>
    /// <param name="stopMessage">Sent to the learner on hand-over or shutdown, so it can store its final snapshot before stopping.</param>
    public static IActorRef StartManager(ActorSystem system, Props learner, object stopMessage) =>
        system.ActorOf(ClusterSingletonManager.Props(learner, stopMessage,
            ClusterSingletonManagerSettings.Create(system).WithRole(ClusterRoles.Learner).WithSingletonName(Name)), ManagerName);

    /// <summary>A local ref that forwards to the learner wherever it runs, and buffers while none does.</summary>
    public static IActorRef StartProxy(ActorSystem system) =>
        system.ActorOf(ClusterSingletonProxy.Props($"/user/{ManagerName}",
            ClusterSingletonProxySettings.Create(system).WithRole(ClusterRoles.Learner).WithSingletonName(Name)), ProxyName);
}
