using System.IO.Pipelines;
using System.Net.Sockets;

namespace A3C.Actors.Remote.Transport;

/// <summary>The client side of the transport: a socket with pipes over it.</summary>
internal sealed class TcpClientConnection : IDuplexPipe, IAsyncDisposable
{
    private readonly NetworkStream _stream;

    private TcpClientConnection(NetworkStream stream, int chunkSize)
    {
        _stream = stream;
        Input = PipeReader.Create(stream);
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: chunkSize + FrameHeader.ChunkOverhead));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public static async Task<TcpClientConnection> ConnectAsync(string host, int port, int chunkSize, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return new TcpClientConnection(new NetworkStream(socket, ownsSocket: true), chunkSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Input.CompleteAsync();
        await Output.CompleteAsync();
        await _stream.DisposeAsync();
    }
}
