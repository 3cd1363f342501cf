using A3C.Actors.Monitoring;
using A3C.Actors.Training;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Config = A3C.Configuration.Config;

namespace A3C.Host.Hosting;

/// <summary>
/// The process's actor system, started through Akka.Hosting on a generic host: configured from the
/// recipe's <c>akka</c> section (over Akka's own defaults), logging through
/// Microsoft.Extensions.Logging to standard error, one line per event.
/// </summary>
/// <remarks>
/// Disposing it stops the host, which runs the system's <see cref="CoordinatedShutdown"/> (a no-op
/// when a signal already ran it) and waits for the system to terminate.
/// </remarks>
public sealed class ActorSystemHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ActorSystemHost(IHost host)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    public ActorSystem System { get; }

    internal IServiceProvider Services => _host.Services;

    /// <param name="persistence">Akka.Persistence's plugins and serializers (the run's checkpoint store), under the recipe's akka section.</param>
    /// <param name="metricsLabels">What the actor metrics of this system are labelled with (run, environment, mode).</param>
    /// <param name="configure">What a cluster node adds to the system's configuration (<c>a3c node</c>); applied last, so it wins.</param>
    public static async Task<ActorSystemHost> StartAsync(Config config, Akka.Configuration.Config? persistence = null,
        ActorMetricsLabels? metricsLabels = null, CancellationToken cancellationToken = default, Action<AkkaConfigurationBuilder>? configure = null)
    {
        // No defaults: no appsettings files or environment-variable config; the command line owns
        // the process's signals and exit code.
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        builder.Logging
            .AddConsole(console =>
            {
                console.FormatterName = OneLineConsoleFormatter.Name;
                console.LogToStandardErrorThreshold = LogLevel.Trace;
            })
            .AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>()
            // Akka's loglevel decides what actors log; the host's own chatter is left out, and so is
            // the shutdown's notice of its reason: the command says how the run ended.
            .SetMinimumLevel(LogLevel.Debug)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter(typeof(CoordinatedShutdown).FullName, LogLevel.Warning);
        builder.Services.AddAkka(TrainingSession.SystemName, akka =>
        {
            akka.ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<ActorLogForwarder>();
            });
            // Added last, so the recipe's akka section (akka.loglevel included) wins over the above.
            akka.AddHocon(config.ToAkka(), HoconAddMode.Prepend);
            if (persistence is not null) akka.AddHocon(persistence, HoconAddMode.Append);
            if (metricsLabels is not null) akka.AddSetup(new ActorMetricsSetup(metricsLabels));
            configure?.Invoke(akka);
        });
        var host = builder.Build();
        try
        {
            // Created here rather than by the hosted service, so that a config Akka refuses is an
            // exception for the command to report, not a stack trace the hosted service prints.
            host.Services.GetRequiredService<ActorSystem>();
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ActorSystemHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
