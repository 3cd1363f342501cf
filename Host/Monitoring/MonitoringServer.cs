using System.Diagnostics;
using A3C.Actors.Monitoring;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using A3C.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace A3C.Host.Monitoring;

/// <summary>
/// The inspection endpoint of a node: Kestrel with a few minimal-API routes over a
/// <see cref="MonitoredNode"/>. <c>/</c> dashboard, <c>/metrics</c> Prometheus text,
/// <c>/api/actors</c> and <c>/api/training</c> JSON, <c>/health</c>.
/// </summary>
public sealed class MonitoringServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MeterProvider _actorMetrics;

    private MonitoringServer(WebApplication app, MeterProvider actorMetrics, MonitoredNode node, Uri url)
    {
        _app = app;
        _actorMetrics = actorMetrics;
        Node = node;
        Url = url;
    }

    public MonitoredNode Node { get; }

    internal IServiceProvider Services => _app.Services;

    /// <summary>The address it listens on, with the actual port when the settings asked for port 0.</summary>
    public Uri Url { get; }

    /// <exception cref="IOException">When the address cannot be bound (port in use, address not local).</exception>
    public static async Task<MonitoringServer> StartAsync(ActorSystem system, MonitoringSettings settings, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(settings.ListenAddress, settings.Port));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MonitoringJsonContext.Default));
        var app = builder.Build();
        var node = new MonitoredNode(system, settings.HistoryLength);
        // target_info names the service instead of "unknown_service:dotnet".
        var actorMetrics = ActorMetricsExport.CreatePrometheusMeterProvider(
            metrics => metrics.ConfigureResource(resource => resource.AddService(ActorsDocument.ServiceName)));
        Map(app, node, actorMetrics);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            await app.DisposeAsync();
            actorMetrics.Dispose();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new MonitoringServer(app, actorMetrics, node, new Uri(address));
    }

    private static void Map(WebApplication app, MonitoredNode node, MeterProvider actorMetrics)
    {
        var json = MonitoringJsonContext.Default;
        var started = Stopwatch.StartNew();
        app.MapGet("/", () => Results.Text(DashboardPage.Html, "text/html; charset=utf-8"));
        // The actor series come from OpenTelemetry's exporter; the training and process figures follow them.
        app.UseActorMetricsEndpoint(actorMetrics, "/metrics", branch => branch.Use((context, next) => AppendHostFigures(context, next, node)));
        app.MapGet("/api/actors", () => Results.Json(node.Actors(), json.ActorsDocument));
        app.MapGet("/api/training", () => Results.Json(node.Training(), json.TrainingDocument));
        app.MapGet("/health", () => Results.Json(
            new HealthDocument(ActorsDocument.ServiceName, "ok", node.SystemName, started.Elapsed.TotalSeconds), json.HealthDocument));
    }

    /// <summary>
    /// Lets the exporter write the actor series into a buffer, then sends them followed by the
    /// node's own families, as one Prometheus text document.
    /// </summary>
    private static async Task AppendHostFigures(HttpContext context, RequestDelegate next, MonitoredNode node)
    {
        // The exporter answers in OpenMetrics when a scraper asks for it; the node's families are
        // written in the Prometheus text format, so the whole document is asked for in that.
        context.Request.Headers.Accept = "text/plain";
        var body = context.Response.Body;
        using var exported = new MemoryStream();
        context.Response.Body = exported;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        exported.Position = 0;
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            await exported.CopyToAsync(body);
            return;
        }
        context.Response.ContentLength = null;
        await exported.CopyToAsync(body);
        await context.Response.WriteAsync(node.PrometheusText());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Node.DisposeAsync();
        _actorMetrics.Dispose();
    }
}
