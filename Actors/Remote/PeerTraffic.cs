using A3C.Actors.Runtime;

namespace A3C.Actors.Remote;

/// <summary>
/// Running counters for one peer address, updated by the connections to and from it (on their own
/// threads, hence the interlocked updates) and read by whoever asks for <see cref="Remoting.Peers"/>.
/// </summary>
internal sealed class PeerTraffic(Address address)
{
    private long _bytesSent;
    private long _bytesReceived;
    private long _lastHeartbeatTicks;
    private long _incarnation;

    public Address Address { get; } = address;

    public void Sent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    public void Received(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    public void HeartbeatAnswered(DateTimeOffset at) => Interlocked.Exchange(ref _lastHeartbeatTicks, at.UtcTicks);

    /// <summary>Records the incarnation a handshake reported; returns the one known before (0 if none).</summary>
    public long Connected(long incarnation) => Interlocked.Exchange(ref _incarnation, incarnation);

    public PeerStatus Status(bool connected)
    {
        var heartbeat = Interlocked.Read(ref _lastHeartbeatTicks);
        return new PeerStatus(Address, connected, heartbeat == 0 ? null : new DateTimeOffset(heartbeat, TimeSpan.Zero),
            Interlocked.Read(ref _bytesSent), Interlocked.Read(ref _bytesReceived));
    }
}
