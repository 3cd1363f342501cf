using A3C.Actors.Remote;
using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Remote;

public sealed class RemoteDeathWatchTests : TwoNodeTestBase
{
    [Fact]
    public async Task Watching_a_remote_actor_delivers_Terminated_when_it_stops()
    {
        var worker = B.System.ActorOf(Props.Create<EchoActor>(), "worker");
        var report = A.CreateProbe();
        var watcher = A.System.ActorOf(Props.Create(() => new Watcher(report)), "watcher");
        var remoteWorker = await A.Remoting.ResolveAsync(B.PathOf("worker"), RemoteNode.Timeout);

        await WatchEstablishedAsync(watcher, remoteWorker);
        B.System.Stop(worker);

        var terminated = await report.ExpectMsgAsync<Terminated>();
        Assert.Equal(remoteWorker, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task Watching_a_path_with_no_actor_delivers_Terminated_at_once()
    {
        var report = A.CreateProbe();
        var watcher = A.System.ActorOf(Props.Create(() => new Watcher(report)), "watcher");
        var nobody = A.Remoting.Resolve(B.PathOf("nobody"));

        watcher.Tell(new WatchIt(nobody));

        var terminated = await report.ExpectMsgAsync<Terminated>();
        Assert.Equal(nobody, terminated.ActorRef);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task Losing_the_node_delivers_Terminated_unconfirmed_and_publishes_AddressUnreachable()
    {
        B.System.ActorOf(Props.Create<EchoActor>(), "worker");
        var report = A.CreateProbe();
        var watcher = A.System.ActorOf(Props.Create(() => new Watcher(report)), "watcher");
        var unreachable = new TaskCompletionSource<AddressUnreachable>();
        using var _ = A.System.EventStream.Subscribe<AddressUnreachable>(u => unreachable.TrySetResult(u));
        var remoteWorker = await A.Remoting.ResolveAsync(B.PathOf("worker"), RemoteNode.Timeout);
        await WatchEstablishedAsync(watcher, remoteWorker);

        await B.DisposeAsync();

        var terminated = await report.ExpectMsgAsync<Terminated>();
        Assert.Equal(remoteWorker, terminated.ActorRef);
        Assert.False(terminated.ExistenceConfirmed);
        Assert.Equal(B.Remoting.Address, (await unreachable.Task.WaitAsync(RemoteNode.Timeout)).Address);
    }

    /// <summary>
    /// Once the watcher has answered, its Watch is queued on the connection; a ping sent after it
    /// and answered means the remote actor has received the Watch (system messages go first).
    /// </summary>
    private static async Task WatchEstablishedAsync(IActorRef watcher, IActorRef remote)
    {
        Assert.Equal("watching", await watcher.Ask<string>(new WatchIt(remote), RemoteNode.Timeout));
        Assert.Equal(new Ping(0), await remote.Ask<Ping>(new Ping(0), RemoteNode.Timeout));
    }
}
