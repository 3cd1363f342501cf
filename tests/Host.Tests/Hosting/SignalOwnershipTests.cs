using A3C.Configuration;
using A3C.Host.Hosting;
using A3C.Host.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace A3C.Host.Tests.Hosting;

/// <summary>
/// The command line alone answers SIGINT and SIGTERM: a generic host's console lifetime would stop
/// its host on a signal, out of the order in which the command stops things (the run's final
/// snapshot first).
/// </summary>
public sealed class SignalOwnershipTests
{
    [Fact]
    public async Task The_actor_systems_host_leaves_the_process_signals_to_the_command_line()
    {
        await using var host = await ActorSystemHost.StartAsync(ConfigFactory.Load());

        Assert.IsType<SignalFreeLifetime>(host.Services.GetRequiredService<IHostLifetime>());
    }

    [Fact]
    public async Task The_monitoring_servers_host_leaves_the_process_signals_to_the_command_line()
    {
        await using var node = await A3C.Host.Tests.Monitoring.MonitoredActorSystem.StartAsync();

        Assert.IsType<SignalFreeLifetime>(node.Server.Services.GetRequiredService<IHostLifetime>());
    }
}
