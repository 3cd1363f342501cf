using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using A3C.Actors.Remote.FailureDetection;
using A3C.Actors.Remote.Handshake;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime;
using A3C.Actors.Runtime.Event;

namespace A3C.Actors.Remote.Endpoints;

/// <summary>
/// This node's outbound link to one remote address: a queue of messages, a connection that is
/// opened lazily and re-opened with exponential backoff, heartbeats over it, and a phi-accrual
/// detector fed by the peer's heartbeat replies. When the detector gives up (or the peer was
/// never reached in time) the node is reported lost and the endpoint shuts down; the next
/// message to that address starts a fresh one.
/// </summary>
internal sealed class Endpoint : IAsyncDisposable
{
    private readonly Remoting _remoting;
    private readonly RemoteSettings _settings;
    private readonly ILoggingAdapter _log;
    private readonly Channel<OutboundEnvelope> _queue =
        Channel.CreateUnbounded<OutboundEnvelope>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PendingHeartbeat _heartbeat = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _detectorGate = new();
    private readonly PhiAccrualFailureDetector _detector;
    private readonly long _createdAt = Environment.TickCount64;
    private readonly Task _connectionLoop;
    private readonly Task _heartbeatLoop;
    private readonly PeerTraffic _traffic;
    private volatile bool _connected;
    private int _lost;

    public Endpoint(Remoting remoting, Address remote, RemoteSettings settings, ILoggingAdapter log)
    {
        _remoting = remoting;
        Remote = remote;
        _settings = settings;
        _log = log;
        _detector = PhiAccrualFailureDetector.From(settings, TimeProvider.System);
        _traffic = remoting.TrafficWith(remote);
        _connectionLoop = Task.Run(ConnectionLoopAsync);
        _heartbeatLoop = Task.Run(HeartbeatLoopAsync);
    }

    public Address Remote { get; }

    public bool IsConnected => _connected;

    /// <summary>Lost or disposed: messages must go to a fresh endpoint (or dead letters) instead.</summary>
    public bool IsShutDown => _stop.IsCancellationRequested;

    public void Enqueue(OutboundEnvelope envelope)
    {
        if (!_queue.Writer.TryWrite(envelope)) _remoting.Undeliverable(envelope, $"the connection to {Remote} is shut down");
    }

    private async Task ConnectionLoopAsync()
    {
        var backoff = _settings.MinReconnectBackoff;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await ConnectAsync();
                backoff = _settings.MinReconnectBackoff;
                _connected = true;
                using var writer = new OutboundWriter(connection.Output, _queue.Reader, _remoting.Serializers, _remoting.Refs, _settings,
                    _remoting.Compressor, _heartbeat, _remoting.Undeliverable, _traffic);
                using var stopConnection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var reading = ReadRepliesAsync(connection.Input, stopConnection.Token);
                var writing = writer.RunAsync(stopConnection.Token);
                await Task.WhenAny(reading, writing);
                stopConnection.Cancel();
                await Task.WhenAll(reading.ContinueWith(_ => { }), writing.ContinueWith(_ => { }));
                if (!_stop.IsCancellationRequested)
                    _log.Warning($"Connection to {Remote} closed: {(reading.Exception ?? writing.Exception)?.GetBaseException().Message ?? "by the peer"}; reconnecting.");
            }
            catch (HandshakeRefusedException refused)
            {
                _log.Error($"Handshake with {Remote} refused by the peer: {refused.Message}.");
            }
            catch (Exception exception) when (!_stop.IsCancellationRequested)
            {
                _log.Warning($"Cannot connect to {Remote}: {exception.GetBaseException().Message}; retrying in {backoff.TotalMilliseconds:0} ms.");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                _connected = false;
            }

            try
            {
                await Task.Delay(backoff, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _settings.MaxReconnectBackoff.Ticks));
        }
    }

    private async Task<TcpClientConnection> ConnectAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_settings.HandshakeTimeout);
        var connection = await TcpClientConnection.ConnectAsync(Remote.Host!, Remote.Port!.Value, _settings.ChunkSize, timeout.Token);
        try
        {
            var hello = Hello.Create(_remoting.Address, _settings.Secret);
            var payload = new ArrayBufferWriter<byte>();
            hello.WriteTo(payload);
            new FrameHeader(payload.WrittenCount, FrameKind.Hello, FrameFlags.None, 0).WriteTo(connection.Output);
            connection.Output.Write(payload.WrittenSpan);
            await connection.Output.FlushAsync(timeout.Token);

            while (true)
            {
                var read = await connection.Input.ReadAsync(timeout.Token);
                var buffer = read.Buffer;
                if (FrameHeader.TryReadFrame(ref buffer, _settings.ChunkSize + FrameHeader.ChunkOverhead, out var header, out var reply))
                {
                    var (server, incarnation) = header.Kind switch
                    {
                        FrameKind.Welcome => HandshakeReply.ReadWelcome(reply),
                        FrameKind.Refused => throw new HandshakeRefusedException(HandshakeReply.ReadRefusal(reply)),
                        _ => throw new ProtocolViolationException($"expected a handshake reply, got {header.Kind}"),
                    };
                    connection.Input.AdvanceTo(buffer.Start);
                    if (server.System != Remote.System)
                        throw new ProtocolViolationException($"expected actor system '{Remote.System}' but {server} answered");
                    var known = _traffic.Connected(incarnation);
                    if (known != 0 && known != incarnation) _remoting.OnNodeRestarted(Remote);
                    _log.Info($"Connected to {Remote}.");
                    return connection;
                }
                if (read.IsCompleted) throw new IOException("The peer closed the connection during the handshake.");
                connection.Input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The peer only ever answers heartbeats on our connection.</summary>
    private async Task ReadRepliesAsync(PipeReader input, CancellationToken cancellationToken)
    {
        var maxPayload = _settings.ChunkSize + FrameHeader.ChunkOverhead;
        while (true)
        {
            var read = await input.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            while (FrameHeader.TryReadFrame(ref buffer, maxPayload, out var header, out _))
            {
                if (header.Kind != FrameKind.HeartbeatAck)
                    throw new ProtocolViolationException($"unexpected {header.Kind} frame on an outbound connection");
                lock (_detectorGate) _detector.HeartBeat();
                _traffic.HeartbeatAnswered(DateTimeOffset.UtcNow);
            }
            if (read.IsCompleted) return;
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(_settings.HeartbeatInterval);
        var giveUpUnreachedAfterMs = (_settings.HandshakeTimeout + _settings.AcceptablePause).TotalMilliseconds;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (_connected)
                {
                    _heartbeat.Request();
                    _queue.Writer.TryWrite(OutboundEnvelope.Heartbeat);
                }
                bool monitoring, available;
                double phi;
                lock (_detectorGate)
                {
                    monitoring = _detector.IsMonitoring;
                    phi = _detector.Phi();
                    available = phi < _settings.FailureDetectorThreshold;
                }
                if (monitoring && !available)
                    NodeLost($"no heartbeat reply for too long (phi {phi:0.0} above {_settings.FailureDetectorThreshold})");
                else if (!monitoring && Environment.TickCount64 - _createdAt > giveUpUnreachedAfterMs)
                    NodeLost($"not reached within {giveUpUnreachedAfterMs:0} ms");
                _remoting.Refs.SweepTemporaryRefs();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void NodeLost(string reason)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 1) return;
        _log.Warning($"Node {Remote} is unreachable: {reason}.");
        _stop.Cancel();
        _queue.Writer.TryComplete();
        _remoting.OnNodeLost(this);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _queue.Writer.TryComplete();
        await Task.WhenAll(_connectionLoop, _heartbeatLoop).ContinueWith(_ => { });
        while (_queue.Reader.TryRead(out var envelope))
            if (!envelope.IsHeartbeat) _remoting.Undeliverable(envelope, $"the connection to {Remote} is shut down");
        _stop.Dispose();
    }
}
