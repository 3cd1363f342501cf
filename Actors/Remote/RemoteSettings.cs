namespace A3C.Actors.Remote;

/// <summary>
/// How a node listens, authenticates peers, frames messages and decides a peer is gone.
/// A plain record so configuration can bind it; <see cref="Validate"/> names the offending setting.
/// </summary>
public sealed record RemoteSettings
{
    /// <summary>Interface to bind; loopback unless a deployment opens it deliberately.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks any free port; <see cref="Remoting.Address"/> reports the one bound.</summary>
    public int Port { get; init; }

    /// <summary>Shared by every node of a cluster; a peer with another secret is refused. Never logged.</summary>
    public string Secret { get; init; } = "";

    /// <summary>Largest serialized message accepted or sent; larger ones are refused, not truncated.</summary>
    public int MaxMessageSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Messages larger than this travel as chunks interleaved with small messages; also the largest frame.</summary>
    public int ChunkSize { get; init; } = 1024 * 1024;

    /// <summary>
    /// How arrays of at least <see cref="CompressionMinSize"/> bytes are sent. Off by default: on
    /// loopback or a LAN compressing costs more time than the smaller payload saves (bench/RESULTS.md).
    /// </summary>
    public ArrayCompression Compression { get; init; } = ArrayCompression.Off;

    /// <summary>Arrays smaller than this (in bytes) are never compressed.</summary>
    public int CompressionMinSize { get; init; } = 1024 * 1024;

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Phi above which a peer counts as unreachable (Akka: 8).</summary>
    public double FailureDetectorThreshold { get; init; } = 8.0;

    /// <summary>Heartbeat gap tolerated on top of the observed mean, e.g. for a GC pause (Akka: 3 s).</summary>
    public TimeSpan AcceptablePause { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan MinStdDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    public int HeartbeatHistorySize { get; init; } = 1000;

    /// <summary>Delay before the first reconnect to a peer; doubles per failure up to <see cref="MaxReconnectBackoff"/>.</summary>
    public TimeSpan MinReconnectBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a connection may take to connect and complete its handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and what was expected.</summary>
    public RemoteSettings Validate() => FirstProblem() is { } problem
        ? throw new ArgumentException($"RemoteSettings.{problem.Setting} is {problem.Value}; expected {problem.Expected}.", problem.Setting)
        : this;

    /// <summary>The first setting out of range, or null; <see cref="RemoteConfig"/> names it by its config key.</summary>
    internal SettingProblem? FirstProblem() =>
        Check(!string.IsNullOrWhiteSpace(Host), nameof(Host), Host, "a host name or IP address")
        ?? Check(Port is >= 0 and <= 65535, nameof(Port), Port, "0 (any free port) to 65535")
        ?? Check(!string.IsNullOrEmpty(Secret), nameof(Secret), "(empty)", "a non-empty shared secret")
        ?? Check(ChunkSize >= 1024, nameof(ChunkSize), ChunkSize, "at least 1024 bytes")
        ?? Check(MaxMessageSize >= ChunkSize, nameof(MaxMessageSize), MaxMessageSize, $"at least ChunkSize ({ChunkSize})")
        ?? Check(Enum.IsDefined(Compression), nameof(Compression), Compression, "one of " + string.Join(", ", Enum.GetNames<ArrayCompression>()))
        ?? Check(CompressionMinSize >= 1, nameof(CompressionMinSize), CompressionMinSize, "at least 1 byte")
        ?? Check(HeartbeatInterval > TimeSpan.Zero, nameof(HeartbeatInterval), HeartbeatInterval, "a positive duration")
        ?? Check(FailureDetectorThreshold > 0, nameof(FailureDetectorThreshold), FailureDetectorThreshold, "a positive number")
        ?? Check(AcceptablePause >= TimeSpan.Zero, nameof(AcceptablePause), AcceptablePause, "zero or a positive duration")
        ?? Check(MinStdDeviation > TimeSpan.Zero, nameof(MinStdDeviation), MinStdDeviation, "a positive duration")
        ?? Check(HeartbeatHistorySize >= 1, nameof(HeartbeatHistorySize), HeartbeatHistorySize, "at least 1")
        ?? Check(MinReconnectBackoff > TimeSpan.Zero && MaxReconnectBackoff >= MinReconnectBackoff,
            nameof(MaxReconnectBackoff), MaxReconnectBackoff, $"at least MinReconnectBackoff ({MinReconnectBackoff})")
        ?? Check(HandshakeTimeout > TimeSpan.Zero, nameof(HandshakeTimeout), HandshakeTimeout, "a positive duration");

    // The secret is deliberately left out of ToString so a logged settings object cannot leak it.
    public override string ToString() =>
        $"RemoteSettings {{ Host = {Host}, Port = {Port}, MaxMessageSize = {MaxMessageSize}, ChunkSize = {ChunkSize}, " +
        $"Compression = {Compression}, CompressionMinSize = {CompressionMinSize}, " +
        $"HeartbeatInterval = {HeartbeatInterval}, FailureDetectorThreshold = {FailureDetectorThreshold}, AcceptablePause = {AcceptablePause} }}";

    private static SettingProblem? Check(bool valid, string setting, object value, string expected) =>
        valid ? null : new SettingProblem(setting, value, expected);

    /// <summary>A setting (by property name), its value and what it should have been.</summary>
    internal sealed record SettingProblem(string Setting, object Value, string Expected);
}
