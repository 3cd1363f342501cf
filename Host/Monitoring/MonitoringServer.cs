using System.Diagnostics;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A3C.Host.Monitoring;

/// <summary>
/// The inspection endpoint of a node: Kestrel with a few minimal-API routes over a
/// <see cref="MonitoredNode"/>. <c>/</c> dashboard, <c>/metrics</c> Prometheus text,
/// <c>/api/actors</c> and <c>/api/training</c> JSON, <c>/health</c>.
/// </summary>
public sealed class MonitoringServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MonitoringServer(WebApplication app, MonitoredNode node, Uri url)
    {
        _app = app;
        Node = node;
        Url = url;
    }

    public MonitoredNode Node { get; }

    /// <summary>The address it listens on, with the actual port when the settings asked for port 0.</summary>
    public Uri Url { get; }

    /// <exception cref="IOException">When the address cannot be bound (port in use, address not local).</exception>
    public static async Task<MonitoringServer> StartAsync(ActorSystem system, MonitoringSettings settings, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(settings.ListenAddress, settings.Port));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MonitoringJsonContext.Default));
        var app = builder.Build();
        var node = new MonitoredNode(system, settings.HistoryLength);
        Map(app, node);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new MonitoringServer(app, node, new Uri(address));
    }

    private static void Map(WebApplication app, MonitoredNode node)
    {
        var json = MonitoringJsonContext.Default;
        var started = Stopwatch.StartNew();
        app.MapGet("/", () => Results.Text(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/metrics", () => Results.Text(node.PrometheusText(), PrometheusTextWriter.ContentType));
        app.MapGet("/api/actors", () => Results.Json(node.Actors(), json.ActorsDocument));
        app.MapGet("/api/training", () => Results.Json(node.Training(), json.TrainingDocument));
        app.MapGet("/health", () => Results.Json(
            new HealthDocument(ActorsDocument.ServiceName, "ok", node.SystemName, started.Elapsed.TotalSeconds), json.HealthDocument));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Node.DisposeAsync();
    }
}
