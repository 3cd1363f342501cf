using A3C.Actors.Runtime;

namespace A3C.Actors.Cluster;

/// <summary>One node as the seed knows it. Removed members stay listed (until their address joins again) so an operator sees what left and why.</summary>
public sealed record Member(Address Address, string Role, int NodeNumber, MemberStatus Status, DateTimeOffset JoinedAt, DateTimeOffset? RemovedAt = null)
{
    public bool IsUp => Status == MemberStatus.Up;
}
