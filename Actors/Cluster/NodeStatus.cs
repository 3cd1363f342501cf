namespace A3C.Actors.Cluster;

/// <summary>A member with what this node measured of its link to it (null figures for this node itself).</summary>
public sealed record NodeStatus(Member Member, bool IsSelf, DateTimeOffset? LastHeartbeat, long BytesSent, long BytesReceived);
