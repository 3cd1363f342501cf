using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace A3C.Actors.Monitoring;

/// <summary>
/// Publishes the actor metrics of every actor system in the process through OpenTelemetry's
/// Prometheus exporter, served by the host's Kestrel (see README.md for why this exporter).
/// </summary>
public static class ActorMetricsExport
{
    /// <summary>Listens to the meter of every actor system in the process; runs are told apart by their labels.</summary>
    public static MeterProviderBuilder AddActorMetrics(this MeterProviderBuilder builder) =>
        builder.AddMeter(ActorMetricNames.Meter);

    /// <summary>
    /// A meter provider with the actor metrics and a Prometheus exporter that collects on every
    /// scrape (no response cache), so <c>/metrics</c> and a snapshot taken at the same moment agree.
    /// </summary>
    public static MeterProvider CreatePrometheusMeterProvider(Action<MeterProviderBuilder>? configure = null)
    {
        var builder = Sdk.CreateMeterProviderBuilder()
            .AddActorMetrics()
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>
    /// Serves the Prometheus text of <paramref name="meterProvider"/> at <paramref name="path"/>;
    /// <paramref name="configureBranch"/> adds middleware in front of the exporter on that path
    /// (the host appends its own families that way).
    /// </summary>
    public static IApplicationBuilder UseActorMetricsEndpoint(this IApplicationBuilder app, MeterProvider meterProvider,
        string path = "/metrics", Action<IApplicationBuilder>? configureBranch = null) =>
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, predicate: null, path, configureBranch, optionsName: null);
}
