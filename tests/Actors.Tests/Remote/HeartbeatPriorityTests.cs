using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using A3C.Actors.Remote;
using A3C.Actors.Remote.Endpoints;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Remote;

/// <summary>
/// A heartbeat must not wait behind queued large messages: on a slow link, or with arrays being
/// compressed, the backlog can take longer than the failure detector's acceptable pause.
/// </summary>
public sealed class HeartbeatPriorityTests : IAsyncLifetime
{
    private RemoteNode _node = null!;

    public async Task InitializeAsync() => _node = await RemoteNode.StartAsync("heartbeats");

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_heartbeat_requested_behind_a_backlog_goes_out_before_it()
    {
        var settings = RemoteNode.FastSettings() with { ChunkSize = 16 * 1024 };
        var recipient = (RemoteActorRef)_node.Remoting.Resolve("tcp://peer@127.0.0.1:1/user/learner");
        var queue = Channel.CreateUnbounded<OutboundEnvelope>();
        for (var i = 0; i < 3; i++) queue.Writer.TryWrite(new OutboundEnvelope(recipient, new float[64 * 1024], null, IsSystem: false));
        var heartbeat = new PendingHeartbeat();
        heartbeat.Request();
        queue.Writer.TryWrite(OutboundEnvelope.Heartbeat);
        queue.Writer.Complete();
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        using var writer = new OutboundWriter(pipe.Writer, queue.Reader, _node.Remoting.Serializers, _node.Remoting.Refs, settings, compressor: null,
            heartbeat, (_, reason) => throw new InvalidOperationException(reason), new PeerTraffic(recipient.Path.Address));

        await writer.RunAsync(CancellationToken.None).WaitAsync(RemoteNode.Timeout);
        await pipe.Writer.CompleteAsync();
        var kinds = await ReadFrameKindsAsync(pipe.Reader);

        Assert.Equal(FrameKind.Heartbeat, kinds[0]);
        Assert.Single(kinds, FrameKind.Heartbeat); // the queued wake-up does not send a second one
        Assert.Equal(3 * (4 * 64 * 1024 / settings.ChunkSize + 1), kinds.Count(k => k == FrameKind.Chunk));
    }

    private static async Task<List<FrameKind>> ReadFrameKindsAsync(PipeReader reader)
    {
        var kinds = new List<FrameKind>();
        while (true)
        {
            var read = await reader.ReadAsync();
            var buffer = read.Buffer;
            while (FrameHeader.TryReadFrame(ref buffer, int.MaxValue, out var header, out _)) kinds.Add(header.Kind);
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted) return kinds;
        }
    }
}
