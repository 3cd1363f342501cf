using System.Buffers;
using System.Collections.Concurrent;
using A3C.Actors.Remote.Endpoints;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Remote.Transport;
using A3C.Actors.Runtime;
using A3C.Actors.Runtime.Event;

namespace A3C.Actors.Remote;

/// <summary>
/// Makes an <see cref="ActorSystem"/> reachable over TCP and lets it reach others: listens on
/// <see cref="Address"/>, hands out <see cref="RemoteActorRef"/>s for paths on other nodes, keeps
/// one outbound connection per remote address, and delivers what arrives to local actors.
/// <code>
/// await using var remoting = await Remoting.StartAsync(system, new RemoteSettings { Secret = secret });
/// // or: await system.ActorSelection("tcp://learner@10.0.0.2:2552/user/learner").ResolveOne() (no round trip)
/// var learner = await remoting.ResolveAsync("tcp://learner@10.0.0.2:2552/user/learner", TimeSpan.FromSeconds(5));
/// learner.Tell(new ExperienceBatch(...));
/// </code>
/// </summary>
public sealed class Remoting : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Address, Endpoint> _endpoints = new();
    private readonly ConcurrentDictionary<Address, PeerTraffic> _traffic = new();
    private readonly RemoteWatches _watches = new();
    private readonly CancellationTokenSource _shutdown = new();
    private KestrelTransportServer? _server;
    private IDisposable? _pathResolverRegistration;
    private long _nextIdentify;
    private int _disposed;

    private Remoting(ActorSystem system, RemoteSettings settings, Address address)
    {
        System = system;
        Settings = settings;
        Address = address;
        Log = NodeLog(system, address);
        Compressor = settings.Compression == ArrayCompression.Off ? null : new ArrayCompressor(settings.CompressionMinSize);
    }

    public ActorSystem System { get; }

    public RemoteSettings Settings { get; }

    /// <summary>
    /// Drawn when remoting starts and sent in every handshake, so peers can tell this process from
    /// an earlier one that listened at the same address (and had other actors).
    /// </summary>
    public long Incarnation { get; } = Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>This node's address, e.g. <c>tcp://learner@127.0.0.1:40213</c>, with the port actually bound.</summary>
    public Address Address { get; private set; }

    internal ILoggingAdapter Log { get; private set; }

    /// <summary>Cancelled by <see cref="DisposeAsync"/>, so inbound connections end without waiting for their peers.</summary>
    internal CancellationToken ShuttingDown => _shutdown.Token;

    internal ActorRefSerializer Refs { get; private set; } = null!;

    internal BoundSerializers Serializers { get; private set; } = null!;

    /// <summary>Shared by every outbound connection, so an array sent to many nodes is compressed once; null when off.</summary>
    internal ArrayCompressor? Compressor { get; }

    private static BusLogging NodeLog(ActorSystem system, Address address) =>
        new(system.EventStream, $"remoting({address})", typeof(Remoting), system.Settings.LogLevel);

    /// <summary>Starts listening; <paramref name="serializers"/> adds codecs for the application's messages.</summary>
    public static async Task<Remoting> StartAsync(ActorSystem system, RemoteSettings settings, SerializerRegistry? serializers = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        settings.Validate();
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Remoting writes raw little-endian arrays; this host is big-endian.");

        var remoting = new Remoting(system, settings, RemoteAddress.Of(system.Name, settings.Host, settings.Port));
        remoting._server = await KestrelTransportServer.StartAsync(remoting, settings.Host, settings.Port);
        remoting.Address = RemoteAddress.Of(system.Name, settings.Host, remoting._server.Port);
        // Named after the port actually bound, so log lines of a node on port 0 say where it is.
        remoting.Log = NodeLog(system, remoting.Address);
        remoting.Refs = new ActorRefSerializer(remoting, system, remoting.Address);
        remoting.Serializers = (serializers ?? new SerializerRegistry()).Bind(remoting.Refs);
        remoting._pathResolverRegistration = system.SetRemotePathResolver(path => remoting.Resolve(path.ToString()));
        remoting.Log.Info(settings.Compression == ArrayCompression.Off
            ? $"Remoting listening on {remoting.Address}."
            : $"Remoting listening on {remoting.Address}; sending arrays of {settings.CompressionMinSize} bytes or more {settings.Compression}-compressed.");
        return remoting;
    }

    /// <summary>
    /// A ref for <paramref name="path"/> without asking anyone: the local actor when the address is
    /// ours, otherwise a remote ref with unknown incarnation (uid 0). Use <see cref="ResolveAsync"/>
    /// to check the actor exists.
    /// </summary>
    public IActorRef Resolve(string path)
    {
        if (!ActorPath.TryParse(path, out var parsed, out var error)) throw new ArgumentException(error, nameof(path));
        if (parsed!.Address.HasLocalScope && parsed.Address.System == System.Name)
            path = Address + parsed.ToStringWithoutAddress();
        return Refs.IsLocal(path) ? Refs.ResolveLocal(path, 0) : Refs.ResolveRemote(path, 0);
    }

    /// <summary>Asks the node at <paramref name="path"/> whether the actor exists; returns its ref with its uid.</summary>
    public async Task<IActorRef> ResolveAsync(string path, TimeSpan timeout)
    {
        var target = Resolve(path);
        if (target is not RemoteActorRef)
            return target is MissingActorRef ? throw new ActorNotFoundException($"No actor at [{path}].") : target;
        var identity = await target.Ask<ActorIdentity>(new Identify(Interlocked.Increment(ref _nextIdentify)), timeout);
        return identity.Subject ?? throw new ActorNotFoundException($"No actor at [{path}] on {target.Path.Address}.");
    }

    /// <summary>Every peer this node has exchanged frames with, and how much.</summary>
    public IReadOnlyList<PeerStatus> Peers() =>
        [.. _traffic.Values.Select(t => t.Status(_endpoints.TryGetValue(t.Address, out var endpoint) && endpoint.IsConnected))];

    internal PeerTraffic TrafficWith(Address address) => _traffic.GetOrAdd(address, a => new PeerTraffic(a));

    internal void Send(RemoteActorRef recipient, object message, IActorRef? sender) =>
        Enqueue(new OutboundEnvelope(recipient, message, sender, IsSystem: false));

    internal void SendSystem(RemoteActorRef recipient, SystemMessage message)
    {
        switch (message)
        {
            case Watch watch when watch.Watchee.Equals(recipient):
                _watches.Add(recipient, (ActorRefBase)watch.Watcher);
                break;
            case Unwatch unwatch when unwatch.Watchee.Equals(recipient):
                _watches.Remove(recipient, (ActorRefBase)unwatch.Watcher);
                break;
        }
        Enqueue(new OutboundEnvelope(recipient, message, null, IsSystem: true));
    }

    private void Enqueue(OutboundEnvelope envelope)
    {
        var recipient = envelope.Recipient!;
        if (recipient.Endpoint is not { IsShutDown: false } endpoint)
        {
            endpoint = EndpointFor(recipient.Path.Address);
            recipient.Endpoint = endpoint;
        }
        if (endpoint is not null) endpoint.Enqueue(envelope);
        else Undeliverable(envelope, "remoting is shut down");
    }

    /// <summary>Decodes one message that arrived and hands it to its local recipient; <paramref name="recentRefs"/> is the connection's.</summary>
    internal void Deliver(ushort typeId, Transport.FrameFlags flags, ReadOnlySequence<byte> payload, InboundRefCache recentRefs)
    {
        var reader = new SequenceReader<byte>(payload);
        var recipient = recentRefs.Read(ref reader) as ActorRefBase ?? throw new InvalidDataException("A message names no recipient.");
        var sender = recentRefs.Read(ref reader);
        if (!Serializers.TryGetById(typeId, out var codec)) throw new ProtocolViolationException($"unknown message type id {typeId}");
        var message = codec.Read(payload.Slice(reader.Position));

        if (recipient is RemoteActorRef)
        {
            Log.Warning($"Dropped {message.GetType().Name} addressed to {recipient.Path}: not this node ({Address}).");
            return;
        }
        if (flags.HasFlag(Transport.FrameFlags.System))
        {
            var systemMessage = message as SystemMessage ?? throw new InvalidDataException($"{message.GetType().Name} is not a system message.");
            if (systemMessage is DeathWatchNotification notification) _watches.Notify(recipient, notification);
            else recipient.SendSystemMessage(systemMessage);
            return;
        }
        switch (message)
        {
            case Identify identify:
                sender?.Tell(new ActorIdentity(identify.CorrelationId, recipient is MissingActorRef ? null : recipient), null);
                break;
            case RemoteFailure failure:
                recipient.Tell(new StatusFailure(new RemoteActorFailureException(failure.ExceptionType, failure.Message)), sender);
                break;
            default:
                recipient.Tell(message, sender);
                break;
        }
    }

    internal void Undeliverable(OutboundEnvelope envelope, string reason)
    {
        if (envelope.IsHeartbeat) return;
        if (Volatile.Read(ref _disposed) == 0)
            Log.Warning($"Cannot send {envelope.Message!.GetType().Name} to {envelope.Recipient!.Path}: {reason}.");
        System.DeadLetters.Tell(envelope.Message!, envelope.Sender);
    }

    /// <summary>
    /// The process at a known address was replaced by another (its handshake reported a new
    /// incarnation): the actors watched there are gone, as if the node had been lost.
    /// </summary>
    internal void OnNodeRestarted(Address address)
    {
        Log.Warning($"Node {address} restarted: its earlier incarnation's actors are gone.");
        System.EventStream.Publish(new AddressUnreachable(address));
        _watches.NodeLost(address);
    }

    internal void OnNodeLost(Endpoint endpoint)
    {
        _endpoints.TryRemove(new KeyValuePair<Address, Endpoint>(endpoint.Remote, endpoint));
        System.EventStream.Publish(new AddressUnreachable(endpoint.Remote));
        _watches.NodeLost(endpoint.Remote);
        _ = endpoint.DisposeAsync().AsTask();
    }

    /// <summary>The endpoint for <paramref name="address"/>, created on first use; null once shut down.</summary>
    private Endpoint? EndpointFor(Address address)
    {
        if (_endpoints.TryGetValue(address, out var endpoint)) return endpoint;
        if (Volatile.Read(ref _disposed) == 1) return null;
        lock (_endpoints)
        {
            return _endpoints.GetOrAdd(address, a => new Endpoint(this, a, Settings, Log));
        }
    }

    /// <summary>Closes every connection and stops listening; queued messages go to dead letters.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _pathResolverRegistration?.Dispose();
        await _shutdown.CancelAsync();
        foreach (var endpoint in _endpoints.Values) await endpoint.DisposeAsync();
        _endpoints.Clear();
        if (_server is not null) await _server.DisposeAsync();
        _shutdown.Dispose();
        Log.Info($"Remoting on {Address} stopped.");
    }
}
