using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.Serialization;
using A3C.Actors.Training.Cluster.Serialization;
using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Training.Cluster.Tensors;

/// <summary>
/// A node's channel for tensors (weight snapshots, experience batches, gradient packets) beside
/// Akka.Remote, which carries everything else. Measured on this machine (bench/RESULTS.md),
/// Akka.Remote spends about 6x the CPU of a plain length-prefixed socket on a 13 MiB snapshot and
/// copies each one five times on each side; here a message is serialized once however many nodes
/// it goes to, sent as one frame, and read into its arrays with one copy.
/// </summary>
/// <remarks>
/// Frames (<see cref="TensorFrame"/>) name their recipient and sender by Akka actor path: the
/// recipient is resolved on the receiving node, the sender as a remote ref there, so an answer goes
/// back through Akka.Remote like any other. A connection that sends anything that is not a frame
/// of ours (garbage, an oversized length, an HTTP request, a message that fails the serializer's
/// checks) is closed, counted in <see cref="RefusedConnections"/> and logged once; the others carry on.
/// </remarks>
public sealed class TensorChannel : IExtension
{
    private readonly ExtendedActorSystem _system;
    private readonly TrainingMessageSerializer _serializer;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log;
    private readonly int _maximumFrameSize;
    // One encoding per message however many links send it (a snapshot to every worker node).
    private readonly ConditionalWeakTable<object, Lazy<EncodedMessage>> _encoded = new();
    private long _framesReceived;
    private long _refusedConnections;

    public TensorChannel(ExtendedActorSystem system, TensorChannelSettings settings)
    {
        _system = system;
        _serializer = new TrainingMessageSerializer(system);
        _log = Logging.GetLogger(system, typeof(TensorChannel));
        _maximumFrameSize = settings.MaximumFrameSize;
        _listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(ResolveAddress(settings.Hostname), settings.Port));
        _listener.Listen(64);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptAsync();
        system.RegisterOnTermination(Stop);
    }

    /// <summary>The port this node's channel listens on; its host is the node's Akka.Remote host.</summary>
    public int Port { get; }

    /// <summary>Frames received and delivered.</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Connections closed because they sent something that is not a well-formed frame.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    public static TensorChannel Get(ActorSystem system) => system.WithExtension<TensorChannel, TensorChannelProvider>();

    /// <summary>A link to another node's channel; messages sent on it arrive in order.</summary>
    public async Task<TensorLink> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new TensorLink(this, socket, $"{host}:{port}");
    }

    internal EncodedMessage Encode(object message) =>
        _encoded.GetValue(message, m => new Lazy<EncodedMessage>(() => new EncodedMessage(_serializer.Manifest(m), _serializer.ToBinary(m)))).Value;

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            connection.NoDelay = true;
            _ = ReceiveAsync(connection);
        }
    }

    private async Task ReceiveAsync(Socket connection)
    {
        var from = connection.RemoteEndPoint?.ToString() ?? "an unknown peer";
        var header = new byte[TensorFrame.HeaderBytes];
        try
        {
            while (await ReadFrameStartAsync(connection, header))
            {
                // The length is checked before anything of that size is allocated.
                var body = GC.AllocateUninitializedArray<byte>(TensorFrame.BodyLength(header, _maximumFrameSize));
                if (!await ReadExactlyAsync(connection, body)) throw new SerializationException($"the connection closed inside a frame of {body.Length} bytes");
                Deliver(body);
                Interlocked.Increment(ref _framesReceived);
            }
        }
        catch (SerializationException e)
        {
            Interlocked.Increment(ref _refusedConnections);
            _log.Warning("Tensor channel: closed the connection from {0}: {1}", from, e.Message);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer went away or this node is stopping: nothing to report.
        }
        finally
        {
            connection.Dispose();
        }
    }

    private void Deliver(byte[] body)
    {
        var (recipientPath, senderPath, manifest, payloadStart) = TensorFrame.ReadAddressing(body);
        var message = _serializer.FromBinary(body.AsSpan(payloadStart), manifest);
        var recipient = _system.Provider.ResolveActorRef(recipientPath);
        var sender = senderPath.Length == 0 ? ActorRefs.NoSender : _system.Provider.ResolveActorRef(senderPath);
        recipient.Tell(message, sender);
    }

    /// <summary>False when the peer closed the connection cleanly between frames.</summary>
    private async Task<bool> ReadFrameStartAsync(Socket connection, byte[] header)
    {
        var read = await connection.ReceiveAsync(header, SocketFlags.None, _stopping.Token);
        if (read == 0) return false;
        if (read < header.Length && !await ReadExactlyAsync(connection, header.AsMemory(read)))
            throw new SerializationException($"the connection closed inside a frame header after {read} bytes");
        return true;
    }

    private async Task<bool> ReadExactlyAsync(Socket connection, Memory<byte> into)
    {
        while (into.Length > 0)
        {
            var read = await connection.ReceiveAsync(into, SocketFlags.None, _stopping.Token);
            if (read == 0) return false;
            into = into[read..];
        }
        return true;
    }

    private void Stop()
    {
        _stopping.Cancel();
        _listener.Dispose();
    }

    private static IPAddress ResolveAddress(string hostname) =>
        IPAddress.TryParse(hostname, out var address) ? address : Dns.GetHostAddresses(hostname).First(a => a.AddressFamily == AddressFamily.InterNetwork);
}
