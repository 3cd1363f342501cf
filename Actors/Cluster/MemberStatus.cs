namespace A3C.Actors.Cluster;

/// <summary>Where a node stands in the seed's membership.</summary>
public enum MemberStatus
{
    /// <summary>Joined and reachable: it takes part in the work.</summary>
    Up,

    /// <summary>Removed because the failure detector gave up on it (or it was replaced by a restart).</summary>
    Unreachable,

    /// <summary>Removed because it shut down and said so.</summary>
    Left,
}
