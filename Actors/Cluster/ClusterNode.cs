using A3C.Actors.Remote;
using A3C.Actors.Runtime;

namespace A3C.Actors.Cluster;

/// <summary>
/// This node's place in a cluster: the seed, which keeps the membership, or a node that joins it.
/// Both run their membership actor at <c>/user/cluster</c> on a system with <see cref="Remoting"/>.
/// <code>
/// var seed = ClusterNode.StartSeed(remoting, "learner");                       // on the learner node
/// var node = ClusterNode.Join(remoting, seedAddress, "worker", settings);      // on each worker node
/// node.Actor.Tell(new SubscribeToMembership(workerNode));                 // JoinedCluster / SeedLost
/// </code>
/// </summary>
public sealed class ClusterNode
{
    public const string ActorName = "cluster";

    private readonly Remoting _remoting;
    private readonly ClusterView _view;

    private ClusterNode(Remoting remoting, string role, bool isSeed, ClusterView view, IActorRef actor)
    {
        _remoting = remoting;
        Role = role;
        IsSeed = isSeed;
        _view = view;
        Actor = actor;
    }

    public Address SelfAddress => _remoting.Address;

    public string Role { get; }

    public bool IsSeed { get; }

    /// <summary>The membership actor: <see cref="ClusterSeed"/> or <see cref="ClusterJoiner"/>.</summary>
    public IActorRef Actor { get; }

    /// <summary>
    /// The members as this node knows them: the whole cluster on the seed; on a joined node, the
    /// seed and itself (empty while it is not joined).
    /// </summary>
    public IReadOnlyList<Member> Members => _view.Members;

    /// <summary>The members with the traffic and last heartbeat of this node's link to each.</summary>
    public IReadOnlyList<NodeStatus> Nodes()
    {
        var peers = _remoting.Peers().ToDictionary(p => p.Address);
        return [.. _view.Members.Select(member => member.Address == SelfAddress
            ? new NodeStatus(member, IsSelf: true, null, 0, 0)
            : peers.TryGetValue(member.Address, out var peer)
                ? new NodeStatus(member, IsSelf: false, peer.LastHeartbeat, peer.BytesSent, peer.BytesReceived)
                : new NodeStatus(member, IsSelf: false, null, 0, 0))];
    }

    /// <summary>Makes this node the seed, a member with <paramref name="role"/> that others join.</summary>
    public static ClusterNode StartSeed(Remoting remoting, string role)
    {
        var view = new ClusterView();
        var actor = remoting.System.ActorOf(Props.Create(() => new ClusterSeed(remoting.Address, role, view)), ActorName);
        return new ClusterNode(remoting, role, isSeed: true, view, actor);
    }

    /// <summary>Starts joining the seed at <paramref name="seed"/> (retrying until it answers, and again whenever it is lost).</summary>
    public static ClusterNode Join(Remoting remoting, Address seed, string role, ClusterSettings settings)
    {
        var view = new ClusterView();
        var seedActor = remoting.Resolve($"{seed}/user/{ActorName}");
        var actor = remoting.System.ActorOf(Props.Create(() => new ClusterJoiner(remoting.Address, role, seedActor, settings, view)), ActorName);
        return new ClusterNode(remoting, role, isSeed: false, view, actor);
    }
}
