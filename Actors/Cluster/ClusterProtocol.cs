using A3C.Actors.Runtime;

namespace A3C.Actors.Cluster;

// Between a joining node's ClusterJoiner and the seed's ClusterSeed, both at /user/cluster.

/// <summary>A node asks to join with a role; <paramref name="Node"/> is its joiner, which the seed watches.</summary>
public sealed record Join(string Role, IActorRef Node);

/// <summary>The seed accepted the join and numbered the node (the seed itself is node 0, with <paramref name="SeedRole"/>).</summary>
public sealed record Welcome(int NodeNumber, string SeedRole);
