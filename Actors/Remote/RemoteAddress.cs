using A3C.Actors.Runtime;

namespace A3C.Actors.Remote;

/// <summary>Addresses of nodes reached over TCP: <c>tcp://system@host:port</c>.</summary>
public static class RemoteAddress
{
    public const string Protocol = "tcp";

    public static Address Of(string system, string host, int port) => new(Protocol, system, host, port);
}
