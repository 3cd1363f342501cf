using System.Net;
using System.Net.Sockets;
using A3C.Actors.Training.Cluster;
using A3C.Actors.Training.Cluster.Tensors;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using Akka.TestKit;

namespace A3C.Training.Tests.Cluster;

/// <summary>
/// The learner node's stand-in for a remote worker: weight snapshots on the tensor channel with at
/// most the newest pending (the others dropped and counted, one log line), other messages through
/// Akka.Remote, and it stops when its worker does.
/// </summary>
public sealed class WorkerProxyTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly ActorSystem _workerNode;

    public WorkerProxyTests()
        : base(ClusterNodeConfig.Setup(new ClusterNodeSettings(ClusterRoles.Learner, "127.0.0.1", 0, []), Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = INFO")),
            ClusterNodeSettings.SystemName)
    {
        _workerNode = ActorSystem.Create(ClusterNodeSettings.SystemName, ClusterNodeConfig.Setup(new ClusterNodeSettings(ClusterRoles.Worker, "127.0.0.1", 0, [])));
    }

    [Fact]
    public async Task Snapshots_reach_the_worker_on_the_channel_and_other_messages_through_akka_remote()
    {
        var worker = await RemoteProbeAsync();
        await using var link = await TensorChannel.Get(Sys).ConnectAsync("127.0.0.1", TensorChannel.Get(_workerNode).Port);
        var proxy = Sys.ActorOf(Props.Create(() => new WorkerProxy(worker.Remote, link)));

        proxy.Tell(new WeightSnapshot(1, [1, 2, 3]), TestActor);
        proxy.Tell(new BatchConsumed(), TestActor);

        // Two paths (the channel, Akka.Remote): each keeps its own order, not one between them.
        var received = worker.Probe.ReceiveN(2, Bound);
        Assert.Contains(received, m => m is WeightSnapshot { Version: 1 });
        Assert.Contains(received, m => m is BatchConsumed);
        Assert.Equal(1, TensorChannel.Get(_workerNode).FramesReceived);
        worker.Probe.Reply("from the worker");
        ExpectMsg("from the worker", Bound);
    }

    [Fact]
    public async Task A_worker_that_stops_reading_never_has_more_than_the_newest_snapshot_pending_and_the_drops_are_counted_once()
    {
        // A peer that accepts the connection and never reads: the first 13 MiB snapshot fills the socket's buffers.
        using var silent = new Socket(SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(1);
        var link = await TensorChannel.Get(Sys).ConnectAsync("127.0.0.1", ((IPEndPoint)silent.LocalEndPoint!).Port);
        using var accepted = await silent.AcceptAsync();
        var worker = await RemoteProbeAsync();
        var proxy = Sys.ActorOf(Props.Create(() => new WorkerProxy(worker.Remote, link)));
        var weights = new float[13 * 1024 * 1024 / sizeof(float)];

        await EventFilter.Info(contains: "5 weight snapshots were replaced by newer ones").ExpectOneAsync(async () =>
        {
            for (var version = 1; version <= 7; version++) proxy.Tell(new WeightSnapshot(version, weights), TestActor);
            // The sixth replaced the fifth, ... : 1 being written, 7 pending, 2-6 dropped.
            await Task.Delay(200);
            Sys.Stop(proxy);
        });
        await link.DisposeAsync();
    }

    [Fact]
    public async Task The_proxy_stops_when_its_worker_does()
    {
        var worker = await RemoteProbeAsync();
        await using var link = await TensorChannel.Get(Sys).ConnectAsync("127.0.0.1", TensorChannel.Get(_workerNode).Port);
        var proxy = Sys.ActorOf(Props.Create(() => new WorkerProxy(worker.Remote, link)));
        Watch(proxy);
        proxy.Tell(new BatchConsumed());
        worker.Probe.ExpectMsg<BatchConsumed>(Bound);

        _workerNode.Stop(worker.Probe.Ref);

        ExpectTerminated(proxy, Bound);
    }

    /// <summary>A probe on the worker node and a ref to it through this node's remoting.</summary>
    private async Task<(TestProbe Probe, IActorRef Remote)> RemoteProbeAsync()
    {
        var probe = CreateTestProbe(_workerNode);
        var address = ((ExtendedActorSystem)_workerNode).Provider.DefaultAddress;
        var remote = await Sys.ActorSelection(probe.Ref.Path.ToStringWithAddress(address)).ResolveOne(Bound);
        return (probe, remote);
    }

    protected override void AfterAll()
    {
        Shutdown(_workerNode, verifySystemShutdown: false);
        base.AfterAll();
    }
}
