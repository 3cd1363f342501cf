using System.Text;
using A3C.Actors.Remote.Endpoints;
using A3C.Actors.Runtime;

namespace A3C.Actors.Remote;

/// <summary>
/// A ref to an actor on another node. Telling it serializes the message onto the one connection
/// this node keeps to that address, so messages from one sender arrive in the order sent.
/// System messages (watch, unwatch, stop) travel the same way.
/// </summary>
public sealed class RemoteActorRef : ActorRefBase
{
    private readonly Remoting _remoting;
    private byte[]? _wirePath;

    internal RemoteActorRef(Remoting remoting, ActorPath path, long uid)
    {
        _remoting = remoting;
        Path = path;
        Uid = uid;
    }

    public override ActorPath Path { get; }

    public override long Uid { get; }

    /// <summary>
    /// The endpoint this ref's messages last went to, so a send need not look the address up;
    /// replaced when that endpoint shuts down (node lost, remoting stopped).
    /// </summary>
    internal Endpoint? Endpoint { get; set; }

    /// <summary>The full path as UTF-8, rendered once: it is written into every message to or from this ref.</summary>
    internal byte[] WirePath => _wirePath ??= Encoding.UTF8.GetBytes(Path.ToString());

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _remoting.Send(this, message, sender);
    }

    public override void SendSystemMessage(SystemMessage message) => _remoting.SendSystem(this, message);
}
