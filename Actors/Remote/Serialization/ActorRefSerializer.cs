using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// One node's mapping between refs and their wire form, full path string plus uid. Local refs
/// are written under the node's remote address (their own paths say <c>a3c://sys</c>). Refs
/// that are not in the actor tree, such as an Ask's temporary ref, are remembered when written
/// so a reply can find them. Lookups are cached: the hot path of a message is two of them (and each inbound connection
/// keeps an <see cref="InboundRefCache"/> in front of these).
/// </summary>
internal sealed class ActorRefSerializer : IActorRefSerializer
{
    // Temporary refs stay reachable until they complete or for this long (an Ask that timed out).
    private static readonly TimeSpan TemporaryRefLifetime = TimeSpan.FromMinutes(10);

    private readonly Remoting _remoting;
    private readonly ActorSystem _system;
    private readonly string _localPrefix;
    private readonly ConditionalWeakTable<ActorPath, byte[]> _renderedLocalPaths = new();
    private readonly ConcurrentDictionary<(string Path, long Uid), ActorRefBase> _resolvedLocal = new();
    private readonly ConcurrentDictionary<(string Path, long Uid), RemoteActorRef> _resolvedRemote = new();
    private readonly ConcurrentDictionary<string, (ActorRefBase Ref, long ExportedAt)> _temporaryRefs = new();

    public ActorRefSerializer(Remoting remoting, ActorSystem system, Address address)
    {
        _remoting = remoting;
        _system = system;
        _localPrefix = address.ToString();
    }

    public void Write(IBufferWriter<byte> output, IActorRef? actor)
    {
        switch (actor)
        {
            case null:
                output.WriteInt32(-1);
                return;
            case RemoteActorRef remote:
                output.WriteInt32(remote.WirePath.Length);
                output.Write(remote.WirePath);
                output.WriteInt64(remote.Uid);
                return;
            default:
                var bytes = _renderedLocalPaths.GetValue(actor.Path, RenderLocal);
                if (actor is not LocalActorRef && actor is ActorRefBase temporary)
                    _temporaryRefs[Encoding.UTF8.GetString(bytes)] = (temporary, Environment.TickCount64);
                output.WriteInt32(bytes.Length);
                output.Write(bytes);
                output.WriteInt64((actor as ActorRefBase)?.Uid ?? 0);
                return;
        }
    }

    public IActorRef? Read(ref SequenceReader<byte> input)
    {
        var path = Wire.ReadString(ref input);
        if (path is null) return null;
        return Resolve(path, Wire.ReadInt64(ref input));
    }

    /// <summary>A path and uid from the wire as the local actor (or a missing one) when the address is ours, else a remote ref.</summary>
    public ActorRefBase Resolve(string path, long uid) => IsLocal(path) ? ResolveLocal(path, uid) : ResolveRemote(path, uid);

    public bool IsLocal(string path) =>
        path.StartsWith(_localPrefix, StringComparison.Ordinal) && path.Length > _localPrefix.Length && path[_localPrefix.Length] == '/';

    public ActorRefBase ResolveLocal(string path, long uid)
    {
        if (_resolvedLocal.TryGetValue((path, uid), out var cached) && !cached.IsTerminated) return cached;
        if (_temporaryRefs.TryGetValue(path, out var temporary)) return temporary.Ref;

        var resolved = _system.ActorSelection(path[_localPrefix.Length..]).ResolveOne();
        if (resolved.IsCompletedSuccessfully && resolved.Result is ActorRefBase found && (uid == 0 || found.Uid == uid))
        {
            _resolvedLocal[(path, uid)] = found;
            return found;
        }
        return new MissingActorRef(Parse(path), uid, _system.DeadLetters);
    }

    public RemoteActorRef ResolveRemote(string path, long uid)
    {
        if (_resolvedRemote.TryGetValue((path, uid), out var cached)) return cached;
        var remote = new RemoteActorRef(_remoting, Parse(path), uid);
        // Temporary refs (another node's Asks) are one-off; caching them would only grow the table.
        if (!path.Contains("/temp/", StringComparison.Ordinal)) _resolvedRemote.TryAdd((path, uid), remote);
        return remote;
    }

    /// <summary>Forgets temporary refs that completed or outlived any sensible Ask timeout.</summary>
    public void SweepTemporaryRefs()
    {
        var now = Environment.TickCount64;
        foreach (var (path, (actor, exportedAt)) in _temporaryRefs)
        {
            if (actor.IsTerminated || now - exportedAt > TemporaryRefLifetime.TotalMilliseconds)
                _temporaryRefs.TryRemove(path, out _);
        }
    }

    private static ActorPath Parse(string path) =>
        ActorPath.TryParse(path, out var parsed, out var error) ? parsed! : throw new InvalidDataException($"Bad actor path on the wire: {error}");

    private byte[] RenderLocal(ActorPath path) => Encoding.UTF8.GetBytes(_localPrefix + path.ToStringWithoutAddress());
}
