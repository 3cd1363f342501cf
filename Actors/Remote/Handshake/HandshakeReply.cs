using System.Buffers;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Handshake;

/// <summary>
/// The server's answer to <see cref="Hello"/>: when accepted, its address and incarnation (a
/// number drawn when its remoting started, so a client can tell a restarted process at the same
/// address from the one it knew); when refused, the reason.
/// </summary>
internal static class HandshakeReply
{
    public static void WriteWelcome(IBufferWriter<byte> output, Address server, long incarnation)
    {
        output.WriteString(server.System);
        output.WriteString(server.Host);
        output.WriteInt32(server.Port ?? 0);
        output.WriteInt64(incarnation);
    }

    public static (Address Server, long Incarnation) ReadWelcome(ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(payload);
        var system = Wire.ReadString(ref reader) ?? throw new InvalidDataException("Welcome names no actor system.");
        var host = Wire.ReadString(ref reader) ?? throw new InvalidDataException("Welcome names no host.");
        var address = new Address(RemoteAddress.Protocol, system, host, Wire.ReadInt32(ref reader));
        return (address, Wire.ReadInt64(ref reader));
    }

    public static void WriteRefusal(IBufferWriter<byte> output, string reason) => output.WriteString(reason);

    public static string ReadRefusal(ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(payload);
        return Wire.ReadString(ref reader) ?? "no reason given";
    }
}
