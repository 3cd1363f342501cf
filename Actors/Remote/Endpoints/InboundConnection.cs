using System.Buffers;
using System.IO.Pipelines;
using A3C.Actors.Remote.Handshake;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime.Event;

namespace A3C.Actors.Remote.Endpoints;

/// <summary>
/// One connection a peer opened to us: handshake first, then messages, chunks and heartbeats
/// until it closes. Whatever goes wrong (bad secret, oversized frame, unknown type, garbage)
/// is logged with the peer's endpoint and closes this connection only.
/// </summary>
internal sealed class InboundConnection(Remoting remoting, IDuplexPipe transport, string peer, RemoteSettings settings, ILoggingAdapter log)
{
    private readonly HandshakeValidator _validator = new(remoting.Address.System, settings.Secret);
    private string _peerName = peer;
    private bool _accepted;
    private PeerTraffic? _traffic;
    private readonly InboundRefCache _recentRefs = new(remoting.Refs);

    public async Task RunAsync(CancellationToken connectionClosed)
    {
        using var reassembler = new ChunkReassembler(settings.MaxMessageSize);
        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(connectionClosed);
        handshakeTimeout.CancelAfter(settings.HandshakeTimeout);
        var maxPayload = settings.ChunkSize + FrameHeader.ChunkOverhead;
        try
        {
            while (true)
            {
                var read = await transport.Input.ReadAsync(_accepted ? connectionClosed : handshakeTimeout.Token);
                var buffer = read.Buffer;
                while (FrameHeader.TryReadFrame(ref buffer, maxPayload, out var header, out var payload))
                {
                    if (!await HandleAsync(header, payload, reassembler)) return;
                }
                if (read.IsCompleted) return;
                transport.Input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException) when (!_accepted && !connectionClosed.IsCancellationRequested)
        {
            log.Warning($"Closing connection from {_peerName}: no handshake within {settings.HandshakeTimeout.TotalSeconds:0.#} s.");
        }
        catch (OperationCanceledException)
        {
        }
        catch (ProtocolViolationException violation)
        {
            log.Warning($"Closing connection from {_peerName}: protocol violation: {violation.Message}.");
        }
        catch (Exception exception) when (exception is InvalidDataException or ArgumentException or InvalidCastException)
        {
            log.Warning($"Closing connection from {_peerName}: malformed payload: {exception.Message}");
        }
        catch (IOException)
        {
            // The peer went away; its endpoint on the other side reconnects if it wants to.
        }
        catch (Exception exception)
        {
            log.Error(exception, $"Closing connection from {_peerName}: {exception.Message}");
        }
        finally
        {
            await transport.Input.CompleteAsync();
            await transport.Output.CompleteAsync();
        }
    }

    /// <summary>Returns false when the connection should close.</summary>
    private async ValueTask<bool> HandleAsync(FrameHeader header, ReadOnlySequence<byte> payload, ChunkReassembler reassembler)
    {
        if (!_accepted) return await HandshakeAsync(header, payload);
        _traffic!.Received(FrameHeader.Size + payload.Length);
        switch (header.Kind)
        {
            case FrameKind.Heartbeat:
                new FrameHeader(0, FrameKind.HeartbeatAck, FrameFlags.None, 0).WriteTo(transport.Output);
                await transport.Output.FlushAsync();
                return true;
            case FrameKind.Message:
                remoting.Deliver(header.TypeId, header.Flags, payload, _recentRefs);
                return true;
            case FrameKind.Chunk:
                if (reassembler.TryAdd(header, payload, out var message))
                {
                    try
                    {
                        remoting.Deliver(header.TypeId, header.Flags, message, _recentRefs);
                    }
                    finally
                    {
                        reassembler.Release();
                    }
                }
                return true;
            default:
                throw new ProtocolViolationException($"unexpected {header.Kind} frame after the handshake");
        }
    }

    private async ValueTask<bool> HandshakeAsync(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        if (header.Kind != FrameKind.Hello) throw new ProtocolViolationException($"expected a Hello frame first, got {header.Kind}");
        if (!_validator.TryAccept(payload, out var hello, out var refusal))
        {
            log.Warning($"Refused connection from {_peerName}: {refusal}.");
            await WriteFrameAsync(FrameKind.Refused, output => HandshakeReply.WriteRefusal(output, refusal!));
            return false;
        }
        _accepted = true;
        _traffic = remoting.TrafficWith(hello!.From);
        _peerName = $"{hello!.From} ({_peerName})";
        await WriteFrameAsync(FrameKind.Welcome, output => HandshakeReply.WriteWelcome(output, remoting.Address, remoting.Incarnation));
        log.Info($"Accepted connection from {_peerName}.");
        return true;
    }

    private async ValueTask WriteFrameAsync(FrameKind kind, Action<IBufferWriter<byte>> writePayload)
    {
        var payload = new ArrayBufferWriter<byte>();
        writePayload(payload);
        new FrameHeader(payload.WrittenCount, kind, FrameFlags.None, 0).WriteTo(transport.Output);
        transport.Output.Write(payload.WrittenSpan);
        await transport.Output.FlushAsync();
    }
}
