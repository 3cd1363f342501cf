using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;

namespace A3C.Actors.Training.Cluster.Tensors;

/// <summary>
/// One connection to another node's <see cref="TensorChannel"/>. <see cref="Send"/> never blocks:
/// frames queue for a writer that puts them on the socket in order. Which frames to queue (the
/// newest snapshot only, say) is the sender's choice.
/// </summary>
public sealed class TensorLink : IAsyncDisposable
{
    private readonly TensorChannel _channel;
    private readonly Socket _socket;
    private readonly Channel<(object Message, string Recipient, string Sender, TaskCompletionSource? Written)> _queue =
        Channel.CreateUnbounded<(object, string, string, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    internal TensorLink(TensorChannel channel, Socket socket, string peer)
    {
        _channel = channel;
        _socket = socket;
        Peer = peer;
        _writer = WriteAsync();
    }

    /// <summary>The peer's HOST:PORT.</summary>
    public string Peer { get; }

    /// <summary>Completes when the link is closed, faulted when the connection was lost.</summary>
    public Task Completion => _writer;

    /// <summary>Queues <paramref name="message"/> for <paramref name="recipient"/> on the peer; false once the link is closed.</summary>
    /// <exception cref="ArgumentException">Not a training message the channel carries.</exception>
    public bool Send(IActorRef recipient, object message, IActorRef? sender = null) => Enqueue(recipient, message, sender, written: null);

    /// <summary>As <see cref="Send"/>; the task completes once the message is on the socket, and fails if the link closes first.</summary>
    public Task SendAsync(IActorRef recipient, object message, IActorRef? sender = null)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Enqueue(recipient, message, sender, written)) written.TrySetException(new IOException($"the tensor link to {Peer} is closed"));
        return written.Task;
    }

    private bool Enqueue(IActorRef recipient, object message, IActorRef? sender, TaskCompletionSource? written)
    {
        if (!Serialization.TrainingMessageSerializer.MessageTypes.Contains(message.GetType()))
            throw new ArgumentException($"{message.GetType().Name} is not a training message; send it through Akka.Remote", nameof(message));
        // Paths with this node's remoting address for local refs, so the peer resolves them back here.
        return _queue.Writer.TryWrite((message, Akka.Serialization.Serialization.SerializedActorPath(recipient),
            sender is null ? "" : Akka.Serialization.Serialization.SerializedActorPath(sender), written));
    }

    private async Task WriteAsync()
    {
        try
        {
            // Encoding happens here, off the sending actor's thread, and once per message for all links.
            await foreach (var (message, recipient, sender, written) in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    var encoded = _channel.Encode(message);
                    await SendAllAsync(TensorFrame.Head(recipient, sender, encoded.Manifest, encoded.Payload.Length));
                    await SendAllAsync(encoded.Payload);
                }
                catch (Exception e)
                {
                    written?.TrySetException(e);
                    throw;
                }
                written?.TrySetResult();
            }
        }
        catch (Exception e)
        {
            // A lost connection closes the link: Send says so from then on, and what was queued fails.
            _queue.Writer.TryComplete(e);
            while (_queue.Reader.TryRead(out var queued)) queued.Written?.TrySetException(e);
            throw;
        }
    }

    private async Task SendAllAsync(ReadOnlyMemory<byte> bytes)
    {
        while (bytes.Length > 0) bytes = bytes[await _socket.SendAsync(bytes, SocketFlags.None)..];
    }

    /// <summary>How long closing waits for queued frames to be written before it cuts the connection (a peer that stopped reading).</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(DrainTimeout);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or TimeoutException or IOException)
        {
        }
        finally
        {
            // Cuts a write still blocked on a peer that does not read.
            _socket.Dispose();
        }
    }
}
