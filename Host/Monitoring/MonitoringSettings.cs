using System.Net;
using A3C.Configuration;

namespace A3C.Host.Monitoring;

/// <summary>
/// The node's inspection endpoint and scalar files (<c>a3c.monitoring</c>). <see cref="Host"/> is
/// loopback unless a config says otherwise, since the endpoint has no authentication.
/// </summary>
public sealed record MonitoringSettings(
    bool Enabled,
    string Host,
    int Port,
    int HistoryLength,
    string? ScalarsDirectory) : IConfigSettings<MonitoringSettings>
{
    public static string SectionPath => "a3c.monitoring";

    public static MonitoringSettings Read(SettingsReader r)
    {
        var settings = new MonitoringSettings(
            r.GetBoolean("enabled"),
            r.GetString("host"),
            r.GetInt("port"),
            r.GetInt("history-length"),
            r.HasKey("scalars-directory") ? r.GetString("scalars-directory") : null);
        if (settings.Host != "localhost" && !IPAddress.TryParse(settings.Host, out _))
            throw r.Invalid("host", $"an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost, got \"{settings.Host}\"");
        if (settings.Port is < 0 or > 65535)
            throw r.Invalid("port", $"a TCP port in [0, 65535] (0 picks a free one), got {settings.Port}");
        if (settings.HistoryLength < 1)
            throw r.Invalid("history-length", $"a positive number of progress records, got {settings.HistoryLength}");
        return settings;
    }

    /// <summary>The address to listen on: <c>localhost</c> means the IPv4 loopback.</summary>
    public IPAddress ListenAddress => Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(Host);
}
