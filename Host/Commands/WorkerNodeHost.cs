using A3C.Host.Hosting;
using A3C.Host.Monitoring;

namespace A3C.Host.Commands;

/// <summary>One actor system of a worker node and what observes it, stopped together: the observers first, while the system still runs.</summary>
internal sealed class WorkerNodeHost(ActorSystemHost host, RunObservers observers) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await observers.DisposeAsync();
        await host.DisposeAsync();
    }
}
