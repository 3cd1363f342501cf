using A3C.Configuration;

namespace A3C.Actors.Remote;

/// <summary>Binds <see cref="RemoteSettings"/> from the <c>a3c.remote</c> section of a HOCON config.</summary>
public static class RemoteConfig
{
    public const string SectionPath = "a3c.remote";

    /// <exception cref="ConfigException">A missing, mistyped, out-of-range or unknown key, with its file and line.</exception>
    public static RemoteSettings FromConfig(Config config)
    {
        var remote = new SettingsReader(config, SectionPath);
        var detector = remote.GetSection("failure-detector");
        var backoff = remote.GetSection("reconnect-backoff");
        var settings = new RemoteSettings
        {
            Host = remote.GetString("host"),
            Port = remote.GetInt("port"),
            Secret = remote.GetString("secret"),
            MaxMessageSize = ToInt(remote, "max-message-size"),
            ChunkSize = ToInt(remote, "chunk-size"),
            Compression = remote.GetEnum<ArrayCompression>("compression"),
            CompressionMinSize = ToInt(remote, "compression-min-size"),
            HeartbeatInterval = detector.GetDuration("heartbeat-interval"),
            FailureDetectorThreshold = detector.GetDouble("threshold"),
            AcceptablePause = detector.GetDuration("acceptable-heartbeat-pause"),
            MinStdDeviation = detector.GetDuration("min-std-deviation"),
            HeartbeatHistorySize = detector.GetInt("max-sample-size"),
            MinReconnectBackoff = backoff.GetDuration("min"),
            MaxReconnectBackoff = backoff.GetDuration("max"),
            HandshakeTimeout = remote.GetDuration("handshake-timeout"),
        };
        remote.ThrowIfUnknownKeys();
        if (settings.Secret.Length == 0)
            throw remote.Invalid("secret", "a shared secret, the same on every node of the cluster (set the environment variable A3C_CLUSTER_SECRET)");
        // Named by its config key rather than its property, so the user knows what to edit.
        return settings.FirstProblem() is { } problem ? throw remote.Invalid(KeyOf(problem.Setting), problem.Expected) : settings;
    }

    private static int ToInt(SettingsReader reader, string key)
    {
        var bytes = reader.GetByteSize(key);
        return bytes is > 0 and <= int.MaxValue ? (int)bytes : throw reader.Invalid(key, $"a size from 1 byte to 2 GiB, got {bytes} bytes");
    }

    private static string KeyOf(string property) => property switch
    {
        nameof(RemoteSettings.Host) => "host",
        nameof(RemoteSettings.Port) => "port",
        nameof(RemoteSettings.Secret) => "secret",
        nameof(RemoteSettings.MaxMessageSize) => "max-message-size",
        nameof(RemoteSettings.ChunkSize) => "chunk-size",
        nameof(RemoteSettings.Compression) => "compression",
        nameof(RemoteSettings.CompressionMinSize) => "compression-min-size",
        nameof(RemoteSettings.HeartbeatInterval) => "failure-detector.heartbeat-interval",
        nameof(RemoteSettings.FailureDetectorThreshold) => "failure-detector.threshold",
        nameof(RemoteSettings.AcceptablePause) => "failure-detector.acceptable-heartbeat-pause",
        nameof(RemoteSettings.MinStdDeviation) => "failure-detector.min-std-deviation",
        nameof(RemoteSettings.HeartbeatHistorySize) => "failure-detector.max-sample-size",
        nameof(RemoteSettings.MaxReconnectBackoff) => "reconnect-backoff.max",
        nameof(RemoteSettings.HandshakeTimeout) => "handshake-timeout",
        _ => "",
    };
}
