namespace A3C.Actors.Training.Cluster;

/// <summary>
/// The Akka.Cluster roles a3c's nodes carry. A node with any other role (a user's own monitor, say)
/// may join the cluster and is given no work.
/// </summary>
public static class ClusterRoles
{
    /// <summary>Runs the learner singleton: the global network, its optimizer and checkpoints.</summary>
    public const string Learner = "learner";

    /// <summary>Runs rollout workers that feed the learner.</summary>
    public const string Worker = "worker";
}
