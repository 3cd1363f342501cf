using A3C.Actors.Cluster;
using A3C.Actors.Remote;
using A3C.Actors.Runtime;
using A3C.Actors.Training.Cluster;
using A3C.Host.Monitoring;

namespace A3C.Host.Commands;

/// <summary>
/// What the command line attaches to a learner node's run (<see cref="LearnerNode"/>): membership
/// changes on the console and the usual observers with the cluster in their documents. Disposed
/// when the run ends, remoting last.
/// </summary>
internal sealed class LearnerNodeAttachment : IAsyncDisposable
{
    private readonly Remoting _remoting;
    private readonly RunObservers _observers;
    private readonly IDisposable[] _subscriptions;

    private LearnerNodeAttachment(Remoting remoting, RunObservers observers, IDisposable[] subscriptions)
    {
        _remoting = remoting;
        _observers = observers;
        _subscriptions = subscriptions;
    }

    public static async Task<IAsyncDisposable?> StartAsync(ActorSystem system, RemoteSettings remote, MonitoringSettings monitoring,
        string runName, TextWriter log, Action<string>? onScalarsFailed = null)
    {
        var (remoting, cluster) = await LearnerNode.StartAsync(system, remote);
        try
        {
            var address = remoting.Address;
            log.WriteLine($"cluster: learner node at {address}; add workers with: a3c node --role worker --seed {address.Host}:{address.Port} --config FILE");
            IDisposable[] subscriptions =
            [
                system.EventStream.Subscribe<MemberUp>(up =>
                    log.WriteLine($"cluster: node {up.Member.NodeNumber} ({up.Member.Role}) joined from {up.Member.Address}")),
                system.EventStream.Subscribe<MemberRemoved>(removed =>
                    log.WriteLine($"cluster: node {removed.Member.NodeNumber} at {removed.Member.Address} removed: " +
                        removed.Member.Status.ToString().ToLowerInvariant())),
            ];
            var observers = await RunObservers.AttachAsync(system, monitoring, runName, log, cluster, onScalarsFailed);
            return new LearnerNodeAttachment(remoting, observers, subscriptions);
        }
        catch
        {
            await remoting.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
        await _observers.DisposeAsync();
        await _remoting.DisposeAsync();
    }
}
