using A3C.Actors.Training.Cluster;
using A3C.Actors.Training.Cluster.Serialization;
using Akka.Actor;
using Akka.Configuration;

namespace A3C.Bench.Remote;

/// <summary>
/// An Akka.NET actor system with Akka.Remote (DotNetty TCP) on loopback, configured as an a3c
/// cluster node is (<see cref="ClusterNodeConfig"/>: frame size, socket buffers, the training
/// messages' serializer) but with the plain remote provider: these figures are the transport's,
/// without cluster gossip between nine systems in one process.
/// </summary>
internal sealed class AkkaNode : IAsyncDisposable
{
    private AkkaNode(ActorSystem system) => System = system;

    public ActorSystem System { get; }

    public Address Address => ((ExtendedActorSystem)System).Provider.DefaultAddress;

    public static AkkaNode Start(AkkaTransportOptions options)
    {
        var overrides = ConfigurationFactory.ParseString($"""
            akka.actor.provider = remote
            akka.loglevel = ERROR
            akka.remote.log-remote-lifecycle-events = off
            akka.remote.dot-netty.tcp.batching.enabled = {(options.Batching ? "on" : "off")}
            """);
        var settings = new ClusterNodeSettings(ClusterRoles.Worker, "127.0.0.1", 0, [])
        {
            MaximumFrameSize = options.MaximumFrameSize,
            SocketBufferSize = options.SocketBufferSize,
        };
        return new AkkaNode(ActorSystem.Create(ClusterNodeSettings.SystemName, ClusterNodeConfig.Setup(settings, overrides)));
    }

    /// <summary>A ref to an actor of <paramref name="on"/>, resolved through this system's remoting.</summary>
    public Task<IActorRef> ResolveAsync(AkkaNode on, IActorRef actor) =>
        System.ActorSelection(actor.Path.ToStringWithAddress(on.Address)).ResolveOne(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync() => await System.Terminate();
}

/// <summary>Akka.Remote settings the benchmark varies: a3c's defaults unless given on the command line.</summary>
internal sealed record AkkaTransportOptions(int MaximumFrameSize, int SocketBufferSize, bool Batching)
{
    public static AkkaTransportOptions Default { get; } = new(64 * 1024 * 1024, 4 * 1024 * 1024, Batching: true);

    public override string ToString() =>
        $"maximum-frame-size {MaximumFrameSize / (1024 * 1024)} MiB, socket buffers {SocketBufferSize / 1024} KiB, batching {(Batching ? "on" : "off")}";
}
