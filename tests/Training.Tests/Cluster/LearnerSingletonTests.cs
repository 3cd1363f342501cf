using A3C.Actors.Training.Cluster;
using A3C.Actors.Training.Cluster.Serialization;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using Akka.TestKit;

namespace A3C.Training.Tests.Cluster;

/// <summary>
/// Nodes as <c>a3c node</c> starts them, each its own actor system in this process, joined over
/// Akka.Remote on loopback: the learner singleton is reached from a worker through its proxy, a
/// second learner node does not start a second learner, and training messages (a 13 MiB weight
/// snapshot, a registration with a ref) cross between the nodes intact.
/// </summary>
public sealed class LearnerSingletonTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan ClusterBound = TimeSpan.FromSeconds(30);

    private readonly List<ActorSystem> _others = [];

    public LearnerSingletonTests()
        : base(ClusterNodeConfig.Setup(new ClusterNodeSettings(ClusterRoles.Learner, "127.0.0.1", 0, [])), ClusterNodeSettings.SystemName)
    {
        // The learner that starts a cluster is its own seed.
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
    }

    /// <summary>The learner node's HOST:PORT, as workers are given it.</summary>
    private string LearnerSeed => $"{Akka.Cluster.Cluster.Get(Sys).SelfAddress.Host}:{Akka.Cluster.Cluster.Get(Sys).SelfAddress.Port}";

    [Fact]
    public void A_worker_reaches_the_learner_singleton_through_its_proxy()
    {
        LearnerSingleton.StartManager(Sys, Props.Create(() => new WhereAmI()), PoisonPill.Instance);
        var worker = StartNode(ClusterRoles.Worker);
        var probe = CreateTestProbe(worker);

        var proxy = LearnerSingleton.StartProxy(worker);

        AwaitAssert(() =>
        {
            proxy.Tell("where", probe.Ref);
            Assert.Equal(Akka.Cluster.Cluster.Get(Sys).SelfAddress, probe.ExpectMsg<Address>(TimeSpan.FromSeconds(2)));
        }, ClusterBound, TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void A_second_learner_node_stands_by_instead_of_starting_a_second_learner()
    {
        LearnerSingleton.StartManager(Sys, Props.Create(() => new WhereAmI()), PoisonPill.Instance);
        var second = StartNode(ClusterRoles.Learner);
        LearnerSingleton.StartManager(second, Props.Create(() => new WhereAmI()), PoisonPill.Instance);
        var probe = CreateTestProbe(second);
        var proxy = LearnerSingleton.StartProxy(second);

        // The second node's proxy finds the first node's learner...
        AwaitAssert(() =>
        {
            proxy.Tell("where", probe.Ref);
            Assert.Equal(Akka.Cluster.Cluster.Get(Sys).SelfAddress, probe.ExpectMsg<Address>(TimeSpan.FromSeconds(2)));
        }, ClusterBound, TimeSpan.FromMilliseconds(500));
        // ...and no learner runs under its own manager.
        second.ActorSelection(LearnerSingleton.Path).Tell(new Identify("second"), probe.Ref);
        Assert.Null(probe.ExpectMsg<ActorIdentity>().Subject);
    }

    [Fact]
    public void A_13_MiB_weight_snapshot_and_a_worker_registration_cross_between_nodes_intact()
    {
        var worker = StartNode(ClusterRoles.Worker);
        var workerProbe = CreateTestProbe(worker);
        var weights = new float[13 * 1024 * 1024 / sizeof(float)];
        var random = new Random(13);
        for (var i = 0; i < weights.Length; i++) weights[i] = random.NextSingle();
        var learnerInbox = worker.ActorSelection(TestActor.Path.ToStringWithAddress(Akka.Cluster.Cluster.Get(Sys).SelfAddress));
        AwaitAssert(() =>
        {
            learnerInbox.Tell(new Identify(null), workerProbe.Ref);
            Assert.NotNull(workerProbe.ExpectMsg<ActorIdentity>().Subject);
        }, ClusterBound);

        learnerInbox.Tell(new RegisterWorker(workerProbe.Ref, 1000), workerProbe.Ref);
        learnerInbox.Tell(new WeightSnapshot(7, weights), workerProbe.Ref);

        var registration = ExpectMsg<RegisterWorker>();
        Assert.Equal(1000, registration.Index);
        Assert.Equal(Akka.Cluster.Cluster.Get(worker).SelfAddress, registration.Worker.Path.Address);
        var snapshot = ExpectMsg<WeightSnapshot>(TimeSpan.FromSeconds(20));
        Assert.Equal(7, snapshot.Version);
        Assert.True(weights.AsSpan().SequenceEqual(snapshot.Weights), "the snapshot changed on the way");
        // The registered ref reaches the worker across the nodes.
        registration.Worker.Tell(new BatchConsumed());
        workerProbe.ExpectMsg<BatchConsumed>();
    }

    private ActorSystem StartNode(string role)
    {
        var system = ActorSystem.Create(ClusterNodeSettings.SystemName,
            ClusterNodeConfig.Setup(new ClusterNodeSettings(role, "127.0.0.1", 0, [LearnerSeed]), DefaultConfig));
        _others.Add(system);
        var joined = CreateTestProbe(system);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => joined.Ref.Tell("up"));
        joined.ExpectMsg("up", ClusterBound);
        return system;
    }

    protected override void AfterAll()
    {
        foreach (var system in _others) Shutdown(system, verifySystemShutdown: false);
        base.AfterAll();
    }

    /// <summary>Stands in for the learner: answers with the address of the node it runs on.</summary>
    private sealed class WhereAmI : ReceiveActor
    {
        public WhereAmI() => Receive<string>(_ => Sender.Tell(Akka.Cluster.Cluster.Get(Context.System).SelfAddress));
    }
}
