using System.Buffers;
using System.Net.Sockets;
using A3C.Actors.Remote.Handshake;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Remote;

/// <summary>A hand-driven TCP client for feeding a node bad or unusual frames.</summary>
internal sealed class RawPeer : IDisposable
{
    private readonly TcpClient _client = new();

    public static async Task<RawPeer> ConnectAsync(Address node)
    {
        var peer = new RawPeer();
        await peer._client.ConnectAsync(node.Host!, node.Port!.Value);
        return peer;
    }

    public NetworkStream Stream => _client.GetStream();

    public Task SendHelloAsync(string secret, int version = Hello.CurrentProtocolVersion) =>
        SendFrameAsync(FrameKind.Hello, 0, output => Hello.Create(new Address("tcp", "raw", "127.0.0.1", 1), secret, version).WriteTo(output));

    public async Task SendFrameAsync(FrameKind kind, ushort typeId, Action<IBufferWriter<byte>> writePayload, FrameFlags flags = FrameFlags.None)
    {
        var payload = new ArrayBufferWriter<byte>();
        writePayload(payload);
        var frame = new ArrayBufferWriter<byte>();
        new FrameHeader(payload.WrittenCount, kind, flags, typeId).WriteTo(frame);
        frame.Write(payload.WrittenSpan);
        await Stream.WriteAsync(frame.WrittenMemory);
    }

    /// <summary>A message frame for <paramref name="recipient"/> with a codec payload written by the caller.</summary>
    public Task SendMessageAsync(string recipient, ushort typeId, Action<IBufferWriter<byte>> writeBody) =>
        SendFrameAsync(FrameKind.Message, typeId, output =>
        {
            output.WriteString(recipient);
            output.WriteInt64(0);
            output.WriteInt32(-1); // no sender
            writeBody(output);
        });

    /// <summary>Reads one frame; null when the node closed the connection.</summary>
    public async Task<(FrameHeader Header, byte[] Payload)?> ReadFrameAsync()
    {
        var header = new byte[FrameHeader.Size];
        if (!await ReadExactlyOrEndAsync(header)) return null;
        var length = BitConverter.ToInt32(header);
        var payload = new byte[length];
        if (!await ReadExactlyOrEndAsync(payload)) return null;
        var whole = new ReadOnlySequence<byte>([.. header, .. payload]);
        FrameHeader.TryReadFrame(ref whole, int.MaxValue, out var parsed, out _);
        return (parsed, payload);
    }

    /// <summary>True once the node has closed the connection (reads end), within the test timeout.</summary>
    public async Task<bool> IsClosedByNodeAsync()
    {
        using var timeout = new CancellationTokenSource(RemoteNode.Timeout);
        var buffer = new byte[4096];
        try
        {
            while (await Stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true; // reset by the node
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer)
    {
        using var timeout = new CancellationTokenSource(RemoteNode.Timeout);
        try
        {
            await Stream.ReadExactlyAsync(buffer, timeout.Token);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
