using System.Net;
using System.Net.Sockets;
using A3C.Actors.Cluster;
using A3C.Actors.Remote;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Tests.Remote;

namespace A3C.Actors.Tests.Cluster;

/// <summary>
/// A seed and joining nodes in this process, each its own actor system with remoting on loopback,
/// with fast heartbeats so a lost node is noticed in about two seconds. Waits are hang guards only.
/// </summary>
public sealed class ClusterMembershipTests : IAsyncLifetime
{
    private static readonly ClusterSettings Retry = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(400));
    private readonly List<RemoteNode> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }

    private async Task<RemoteNode> StartNodeAsync(string name, int port = 0)
    {
        var node = await RemoteNode.StartAsync(name, RemoteNode.FastSettings() with { Port = port }, new SerializerRegistry().AddClusterCodecs());
        _nodes.Add(node);
        return node;
    }

    /// <summary>A joining node whose membership changes arrive at a probe.</summary>
    private async Task<(RemoteNode Node, ClusterNode Cluster, Runtime.TestProbe Events)> JoinAsync(string name, A3C.Actors.Runtime.Address seed)
    {
        var node = await StartNodeAsync(name);
        var cluster = ClusterNode.Join(node.Remoting, seed, "worker", Retry);
        var events = node.CreateProbe();
        cluster.Actor.Tell(new SubscribeToMembership(events), null);
        return (node, cluster, events);
    }

    [Fact]
    public async Task Joining_nodes_are_numbered_and_listed_up_with_their_roles_and_traffic()
    {
        var seedNode = await StartNodeAsync("seed");
        var seed = ClusterNode.StartSeed(seedNode.Remoting, "learner");
        var (_, first, firstEvents) = await JoinAsync("one", seed.SelfAddress);
        var (_, second, secondEvents) = await JoinAsync("two", seed.SelfAddress);

        var joined = new[] { await firstEvents.ExpectMsgAsync<JoinedCluster>(), await secondEvents.ExpectMsgAsync<JoinedCluster>() };

        Assert.All(joined, j => Assert.Equal(seed.SelfAddress, j.Seed));
        Assert.Equal([1, 2], joined.Select(j => j.NodeNumber).Order());
        var members = seed.Members;
        Assert.Equal(3, members.Count);
        Assert.All(members, m => Assert.Equal(MemberStatus.Up, m.Status));
        Assert.Equal("learner", members.Single(m => m.NodeNumber == 0).Role);
        Assert.Equal(new[] { first.SelfAddress, second.SelfAddress }.ToHashSet(), members.Where(m => m.Role == "worker").Select(m => m.Address).ToHashSet());
        var nodes = seed.Nodes();
        Assert.True(nodes.Single(n => n.IsSelf).Member.NodeNumber == 0);
        Assert.All(nodes.Where(n => !n.IsSelf), n => Assert.True(n.BytesReceived > 0 && n.BytesSent > 0, $"no traffic counted with {n.Member.Address}"));
        // A joined node sees the seed, with its role, and itself.
        Assert.Equal([("learner", 0), ("worker", joined[0].NodeNumber)], first.Members.Select(m => (m.Role, m.NodeNumber)));
    }

    [Fact]
    public async Task A_node_that_vanishes_is_removed_as_unreachable_and_the_others_stay_up()
    {
        var seedNode = await StartNodeAsync("seed");
        var seed = ClusterNode.StartSeed(seedNode.Remoting, "learner");
        var removals = seedNode.CreateProbe();
        seedNode.System.EventStream.Subscribe(removals, typeof(MemberRemoved));
        var (doomed, doomedCluster, doomedEvents) = await JoinAsync("doomed", seed.SelfAddress);
        var (_, _, survivorEvents) = await JoinAsync("survivor", seed.SelfAddress);
        await doomedEvents.ExpectMsgAsync<JoinedCluster>();
        await survivorEvents.ExpectMsgAsync<JoinedCluster>();

        // Connections drop without a goodbye, as when the process is killed.
        await doomed.Remoting.DisposeAsync();

        var removed = await removals.ExpectMsgAsync<MemberRemoved>();
        Assert.Equal(doomedCluster.SelfAddress, removed.Member.Address);
        Assert.Equal(MemberStatus.Unreachable, removed.Member.Status);
        Assert.NotNull(removed.Member.RemovedAt);
        Assert.Equal(MemberStatus.Unreachable, seed.Members.Single(m => m.Address == doomedCluster.SelfAddress).Status);
        Assert.Equal(2, seed.Members.Count(m => m.IsUp));
    }

    [Fact]
    public async Task A_node_started_before_its_seed_keeps_trying_and_joins_once_the_seed_is_up()
    {
        var port = FreePort();
        var early = await StartNodeAsync("early");
        var events = early.CreateProbe();
        var cluster = ClusterNode.Join(early.Remoting, RemoteAddress.Of("seed", "127.0.0.1", port), "worker", Retry);
        cluster.Actor.Tell(new SubscribeToMembership(events), null);
        Assert.Empty(cluster.Members);

        var seedNode = await StartNodeAsync("seed", port);
        var seed = ClusterNode.StartSeed(seedNode.Remoting, "learner");

        var joined = await events.ExpectMsgAsync<JoinedCluster>();
        Assert.Equal(1, joined.NodeNumber);
        Assert.Contains(seed.Members, m => m.Address == cluster.SelfAddress && m.IsUp);
    }

    [Fact]
    public async Task A_seed_restarted_at_the_same_address_is_noticed_as_lost_and_joined_again()
    {
        var port = FreePort();
        var firstSeedNode = await StartNodeAsync("seed", port);
        var firstSeed = ClusterNode.StartSeed(firstSeedNode.Remoting, "learner");
        var (_, cluster, events) = await JoinAsync("worker", firstSeed.SelfAddress);
        await events.ExpectMsgAsync<JoinedCluster>();

        // The seed's process is replaced by a new one on the same port, with new actors.
        await firstSeedNode.Remoting.DisposeAsync();
        await firstSeedNode.System.Terminate();
        var secondSeedNode = await StartNodeAsync("seed", port);
        var secondSeed = ClusterNode.StartSeed(secondSeedNode.Remoting, "learner");

        await events.ExpectMsgAsync<SeedLost>();
        var rejoined = await events.ExpectMsgAsync<JoinedCluster>();
        Assert.Equal(secondSeed.SelfAddress, rejoined.Seed);
        Assert.Contains(secondSeed.Members, m => m.Address == cluster.SelfAddress && m.IsUp);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
