using A3C.Actors.Remote.Endpoints;
using Microsoft.AspNetCore.Connections;

namespace A3C.Actors.Remote.Transport;

/// <summary>Kestrel's entry point for each accepted TCP connection.</summary>
internal sealed class RemoteConnectionHandler(Remoting remoting) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, remoting.ShuttingDown);
        await new InboundConnection(remoting, connection.Transport, connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId,
            remoting.Settings, remoting.Log).RunAsync(closed.Token);
    }
}
