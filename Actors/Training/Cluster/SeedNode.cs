using System.Globalization;
using Akka.Actor;

namespace A3C.Actors.Training.Cluster;

/// <summary>A node to join the cluster through, as the command line gives it: <c>HOST:PORT</c>.</summary>
public static class SeedNode
{
    /// <summary>The seed's address in the cluster's actor system, over Akka.Remote's TCP transport.</summary>
    /// <exception cref="FormatException">Not <c>HOST:PORT</c> with a port from 1 to 65535; the message quotes the text.</exception>
    public static Address Parse(string text, string systemName = ClusterNodeSettings.SystemName)
    {
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        if (host.Length == 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
            throw new FormatException($"--seed '{text}' is not HOST:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:2552)");
        return new Address("akka.tcp", systemName, host, port);
    }
}
