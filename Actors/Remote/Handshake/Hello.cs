using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Handshake;

/// <summary>
/// The first frame on a connection. The version comes first so any future layout can still be
/// refused with a clear reason. The secret itself never travels: only an HMAC of it, which the
/// server recomputes and compares in constant time. (It is not replay-proof and the link is not
/// encrypted; bind to loopback or a private network.)
/// </summary>
internal sealed record Hello(int ProtocolVersion, Address From, byte[] SecretProof)
{
    // 2: Welcome carries the server's incarnation. 3: arrays may arrive compressed (CompressedArray),
    // which a version-2 node would take for a malformed payload mid-stream instead of refusing up front.
    // 4: a first chunk says where the message's largest raw array lies (FirstChunkHeader).
    public const int CurrentProtocolVersion = 4;

    public static Hello Create(Address from, string secret, int protocolVersion = CurrentProtocolVersion) =>
        new(protocolVersion, from, Prove(secret, protocolVersion));

    public bool ProvesSecret(string secret) => CryptographicOperations.FixedTimeEquals(SecretProof, Prove(secret, ProtocolVersion));

    public void WriteTo(IBufferWriter<byte> output)
    {
        output.WriteInt32(ProtocolVersion);
        output.WriteString(From.System);
        output.WriteString(From.Host);
        output.WriteInt32(From.Port ?? 0);
        output.WriteArray<byte>(SecretProof);
    }

    /// <summary>Reads the version alone first: a peer of another version gets refused for that, not for garbage.</summary>
    public static int ReadVersion(ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(payload);
        return Wire.ReadInt32(ref reader);
    }

    public static Hello Read(ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(payload);
        var version = Wire.ReadInt32(ref reader);
        var system = Wire.ReadString(ref reader) ?? throw new InvalidDataException("Hello names no actor system.");
        var host = Wire.ReadString(ref reader) ?? throw new InvalidDataException("Hello names no host.");
        var port = Wire.ReadInt32(ref reader);
        var proof = Wire.ReadArray<byte>(ref reader);
        return new Hello(version, new Address(RemoteAddress.Protocol, system, host, port), proof);
    }

    private static byte[] Prove(string secret, int protocolVersion) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"a3c-remote-hello/v{protocolVersion}"));
}
