using System.Buffers;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Handshake;

/// <summary>The server's answer to <see cref="Hello"/>: its address when accepted, the reason when refused.</summary>
internal static class HandshakeReply
{
    public static void WriteWelcome(IBufferWriter<byte> output, Address server)
    {
        output.WriteString(server.System);
        output.WriteString(server.Host);
        output.WriteInt32(server.Port ?? 0);
    }

    public static Address ReadWelcome(ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(payload);
        var system = Wire.ReadString(ref reader) ?? throw new InvalidDataException("Welcome names no actor system.");
        var host = Wire.ReadString(ref reader) ?? throw new InvalidDataException("Welcome names no host.");
        return new Address(RemoteAddress.Protocol, system, host, Wire.ReadInt32(ref reader));
    }

    public static void WriteRefusal(IBufferWriter<byte> output, string reason) => output.WriteString(reason);

    public static string ReadRefusal(ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(payload);
        return Wire.ReadString(ref reader) ?? "no reason given";
    }
}
