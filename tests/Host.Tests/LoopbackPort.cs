using System.Net;
using System.Net.Sockets;

namespace A3C.Host.Tests;

internal static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    public static int Unused()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
