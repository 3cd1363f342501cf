using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A3C.Actors.Remote.Transport;

/// <summary>The listening side of the transport: Kestrel with a raw connection handler, no HTTP.</summary>
internal sealed class KestrelTransportServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelTransportServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port actually bound (settings may ask for 0, any free port).</summary>
    public int Port { get; }

    public static async Task<KestrelTransportServer> StartAsync(Remoting remoting, string host, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(remoting);
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPool.Factory>();
        builder.WebHost.UseSockets(sockets =>
        {
            // Receive as soon as the socket is readable instead of first waiting with a zero-byte read:
            // a peer of ours either sends steadily or heartbeats, so idle buffers are not worth saving.
            sockets.WaitForDataBeforeAllocatingBuffer = false;
            sockets.NoDelay = true;
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var configure = (Action<ListenOptions>)(listen =>
                listen.UseConnectionHandler<RemoteConnectionHandler>());
            if (IPAddress.TryParse(host, out var ip)) kestrel.Listen(ip, port, configure);
            else if (host == "localhost") kestrel.ListenLocalhost(port, configure);
            else kestrel.ListenAnyIP(port, configure);
        });
        var app = builder.Build();
        await app.StartAsync();

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelTransportServer(app, new Uri(bound).Port);
    }

    public async ValueTask DisposeAsync()
    {
        // Inbound connections end on their own at shutdown; the timeout only guards against a stuck one.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
