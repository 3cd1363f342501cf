using System.Collections.Immutable;

namespace A3C.Actors.Cluster;

/// <summary>
/// The membership as last published by this node's cluster actor: written by that actor only,
/// read from any thread (the metrics endpoint, say) without asking it.
/// </summary>
public sealed class ClusterView
{
    private ImmutableList<Member> _members = [];

    public IReadOnlyList<Member> Members => Volatile.Read(ref _members);

    internal void Publish(ImmutableList<Member> members) => Volatile.Write(ref _members, members);
}
