using System.Collections.Immutable;
using A3C.Actors.Runtime;

namespace A3C.Actors.Cluster;

/// <summary>
/// The seed node's membership (at <c>/user/cluster</c>): it accepts <see cref="Join"/>s, numbers
/// the nodes, and watches each joiner over remote DeathWatch, so a node that shuts down is
/// <see cref="MemberStatus.Left"/> and one the failure detector gives up on is
/// <see cref="MemberStatus.Unreachable"/>; either way it is removed and <see cref="MemberRemoved"/>
/// is published.
/// </summary>
public sealed class ClusterSeed : ReceiveActor
{
    private readonly ClusterView _view;
    private readonly string _role;
    private readonly Dictionary<IActorRef, Member> _joiners = [];
    private ImmutableList<Member> _members;
    private int _nextNodeNumber = 1;

    public ClusterSeed(Address selfAddress, string role, ClusterView view)
    {
        _view = view;
        _role = role;
        _members = [new Member(selfAddress, role, 0, MemberStatus.Up, DateTimeOffset.UtcNow)];
        view.Publish(_members);
        Receive<Join>(OnJoin);
        Receive<Terminated>(OnTerminated);
    }

    private void OnJoin(Join join)
    {
        // A joiner retries until it hears back, so a repeated Join is answered, not counted twice.
        if (_joiners.TryGetValue(join.Node, out var known))
        {
            Sender.Tell(new Welcome(known.NodeNumber, _role), Self);
            return;
        }
        var address = join.Node.Path.Address;
        // A new process at the address of an Up member replaces it: the old one is gone.
        foreach (var (joiner, stale) in _joiners.Where(j => j.Value.Address == address).ToList())
            Remove(joiner, stale, MemberStatus.Unreachable);
        var member = new Member(address, join.Role, _nextNodeNumber++, MemberStatus.Up, DateTimeOffset.UtcNow);
        _joiners.Add(join.Node, member);
        Context.Watch(join.Node);
        Update(_members.RemoveAll(m => m.Address == address).Add(member));
        Context.System.Log.Info($"Cluster: {address} joined as node {member.NodeNumber} ({member.Role}).");
        Context.System.EventStream.Publish(new MemberUp(member));
        Sender.Tell(new Welcome(member.NodeNumber, _role), Self);
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_joiners.TryGetValue(terminated.ActorRef, out var member))
            Remove(terminated.ActorRef, member, terminated.ExistenceConfirmed ? MemberStatus.Left : MemberStatus.Unreachable);
    }

    private void Remove(IActorRef joiner, Member member, MemberStatus status)
    {
        _joiners.Remove(joiner);
        Context.Unwatch(joiner);
        var removed = member with { Status = status, RemovedAt = DateTimeOffset.UtcNow };
        Update(_members.Replace(member, removed));
        Context.System.Log.Warning($"Cluster: node {member.NodeNumber} at {member.Address} removed ({status.ToString().ToLowerInvariant()}).");
        Context.System.EventStream.Publish(new MemberRemoved(removed));
    }

    private void Update(ImmutableList<Member> members)
    {
        _members = members;
        _view.Publish(members);
    }
}
