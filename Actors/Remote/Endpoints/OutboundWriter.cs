using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Endpoints;

/// <summary>
/// Encodes queued messages into frames on one connection. Messages up to the chunk size go out
/// whole; larger ones wait in the large lane and go out one chunk per turn, so small messages
/// (and heartbeats) queued behind a weight snapshot pass it. Order per sender-receiver pair is
/// kept: a message of a pair that has something in the lane joins the lane behind it.
/// </summary>
internal sealed class OutboundWriter : IDisposable
{
    // Large messages encoded ahead of sending; bounds memory when many are queued at once.
    private const int MaxLargeMessagesInLane = 2;
    private const int FlushThreshold = 256 * 1024;
    // Chunk pieces at least this large are handed to the pipe's WriteAsync, which writes them straight to the socket.
    private const int DirectWriteThreshold = 16 * 1024;

    private readonly PipeWriter _output;
    private readonly ChannelReader<OutboundEnvelope> _queue;
    private readonly BoundSerializers _serializers;
    private readonly IActorRefSerializer _refs;
    private readonly RemoteSettings _settings;
    private readonly ArrayCompressor? _compressor;
    private readonly PendingHeartbeat _heartbeat;
    private readonly Action<OutboundEnvelope, string> _undeliverable;
    private readonly Queue<LaneItem> _lane = new();
    private readonly Dictionary<(IActorRef? Sender, IActorRef Recipient), int> _pairsInLane = [];
    private SegmentedBuffer _scratch;
    private int _largeInLane;
    private readonly PeerTraffic _traffic;
    private long _unflushed;

    public OutboundWriter(PipeWriter output, ChannelReader<OutboundEnvelope> queue, BoundSerializers serializers,
        IActorRefSerializer refs, RemoteSettings settings, ArrayCompressor? compressor, PendingHeartbeat heartbeat,
        Action<OutboundEnvelope, string> undeliverable, PeerTraffic traffic)
    {
        _heartbeat = heartbeat;
        _compressor = compressor;
        _traffic = traffic;
        _output = output;
        _queue = queue;
        _serializers = serializers;
        _refs = refs;
        _settings = settings;
        _undeliverable = undeliverable;
        _scratch = new SegmentedBuffer(settings.ChunkSize, compressor);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            while (_largeInLane < MaxLargeMessagesInLane && _queue.TryRead(out var envelope))
            {
                WriteDueHeartbeat();
                Encode(envelope);
                if (_unflushed >= FlushThreshold) await FlushAsync(cancellationToken);
            }
            if (_lane.Count > 0)
            {
                WriteDueHeartbeat();
                await WriteNextFromLaneAsync(cancellationToken);
                if (_unflushed >= FlushThreshold) await FlushAsync(cancellationToken);
                continue;
            }
            await FlushAsync(cancellationToken);
            if (!await _queue.WaitToReadAsync(cancellationToken)) return;
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_unflushed == 0) return;
        _traffic.Sent(_unflushed);
        _unflushed = 0;
        var result = await _output.FlushAsync(cancellationToken);
        if (result.IsCompleted || result.IsCanceled) throw new IOException("The connection closed while sending.");
    }

    private void Encode(in OutboundEnvelope envelope)
    {
        if (envelope.IsHeartbeat)
        {
            // Queued only to wake this writer; sent here unless it already went out ahead of the queue.
            WriteDueHeartbeat();
            return;
        }

        var message = envelope.Message is StatusFailure failure
            ? new RemoteFailure(failure.Cause.GetType().FullName ?? failure.Cause.GetType().Name, failure.Cause.Message)
            : envelope.Message!;
        if (!_serializers.TryGetByType(message.GetType(), out var typeId, out var codec))
        {
            _undeliverable(envelope, $"no codec is registered for {message.GetType().FullName}; add one to the SerializerRegistry");
            return;
        }

        _scratch.Reset();
        try
        {
            _refs.Write(_scratch, envelope.Recipient);
            _refs.Write(_scratch, envelope.Sender);
            codec.Write(_scratch, message);
        }
        catch (Exception exception)
        {
            _undeliverable(envelope, $"its codec failed: {exception.Message}");
            return;
        }
        if (_scratch.Length > _settings.MaxMessageSize)
        {
            _undeliverable(envelope, $"it serializes to {_scratch.Length} bytes, above MaxMessageSize ({_settings.MaxMessageSize})");
            return;
        }

        var flags = envelope.IsSystem ? FrameFlags.System : FrameFlags.None;
        var pair = (envelope.Sender, (IActorRef)envelope.Recipient!);
        var large = _scratch.Length > _settings.ChunkSize;
        if (!large && !_pairsInLane.ContainsKey(pair))
        {
            WriteHeader(new FrameHeader((int)_scratch.Length, FrameKind.Message, flags, typeId));
            _scratch.CopyTo(_output);
            _unflushed += _scratch.Length;
            return;
        }

        // A large message keeps its segments; a small one waiting behind a large one of its pair is
        // copied out, so the scratch buffer (a whole chunk's worth) is not tied up per message.
        SegmentedBuffer payload;
        if (large)
        {
            payload = _scratch;
            _scratch = new SegmentedBuffer(_settings.ChunkSize, _compressor);
        }
        else
        {
            payload = new SegmentedBuffer((int)_scratch.Length);
            _scratch.CopyTo(payload);
        }
        _lane.Enqueue(new LaneItem(payload, typeId, flags, pair, large));
        _pairsInLane[pair] = _pairsInLane.GetValueOrDefault(pair) + 1;
        if (large) _largeInLane++;
    }

    /// <summary>Sends the lane head whole if it is small, else its next chunk.</summary>
    private async ValueTask WriteNextFromLaneAsync(CancellationToken cancellationToken)
    {
        var item = _lane.Peek();
        var total = (int)item.Payload.Length;
        if (!item.IsLarge)
        {
            WriteHeader(new FrameHeader(total, FrameKind.Message, item.Flags, item.TypeId));
            item.Payload.CopyTo(_output);
            _unflushed += total;
            Complete(item);
            return;
        }

        var first = item.Sent == 0;
        var segment = item.Payload[item.SegmentIndex][item.SegmentOffset..];
        var piece = segment[..Math.Min(segment.Length, _settings.ChunkSize)];
        var last = item.Sent + piece.Length == total;
        var flags = item.Flags | (first ? FrameFlags.FirstChunk : 0) | (last ? FrameFlags.LastChunk : 0);
        WriteHeader(new FrameHeader(piece.Length + (first ? FirstChunkHeader.Size : 0), FrameKind.Chunk, flags, item.TypeId));
        if (first)
        {
            new FirstChunkHeader(total, item.Payload.LargestArray).WriteTo(_output);
            _unflushed += FirstChunkHeader.Size;
        }
        if (piece.Length < DirectWriteThreshold)
        {
            _output.Write(piece.Span);
            _unflushed += piece.Length;
        }
        else
        {
            // A bulk piece goes from the message's own bytes to the socket: the pipe writes what it
            // holds (headers, small messages) and then this memory as it is, without copying it in.
            _traffic.Sent(_unflushed + piece.Length);
            _unflushed = 0;
            var result = await _output.WriteAsync(piece, cancellationToken);
            if (result.IsCompleted || result.IsCanceled) throw new IOException("The connection closed while sending.");
        }
        item.Advance(piece.Length);
        if (last) Complete(item);
    }

    private void Complete(LaneItem item)
    {
        _lane.Dequeue();
        item.Payload.Dispose();
        if (item.IsLarge) _largeInLane--;
        if (--_pairsInLane[item.Pair] == 0) _pairsInLane.Remove(item.Pair);
    }

    private void WriteDueHeartbeat()
    {
        if (_heartbeat.TryTake()) WriteHeader(new FrameHeader(0, FrameKind.Heartbeat, FrameFlags.None, 0));
    }

    private void WriteHeader(FrameHeader header)
    {
        header.WriteTo(_output);
        _unflushed += FrameHeader.Size;
    }

    public void Dispose()
    {
        _scratch.Dispose();
        foreach (var item in _lane) item.Payload.Dispose();
        _lane.Clear();
    }

    private sealed class LaneItem(SegmentedBuffer payload, ushort typeId, FrameFlags flags, (IActorRef?, IActorRef) pair, bool isLarge)
    {
        public SegmentedBuffer Payload { get; } = payload;
        public ushort TypeId { get; } = typeId;
        public FrameFlags Flags { get; } = flags;
        public (IActorRef? Sender, IActorRef Recipient) Pair { get; } = pair;
        public bool IsLarge { get; } = isLarge;
        public int Sent { get; private set; }
        public int SegmentIndex { get; private set; }
        public int SegmentOffset { get; private set; }

        /// <summary>Moves past a piece just sent; pieces never span segments.</summary>
        public void Advance(int sent)
        {
            Sent += sent;
            SegmentOffset += sent;
            if (SegmentOffset < Payload[SegmentIndex].Length) return;
            SegmentIndex++;
            SegmentOffset = 0;
        }
    }
}
