using System.Buffers.Binary;
using System.Runtime.Serialization;
using A3C.Actors.Training.Cluster.Serialization;

namespace A3C.Actors.Training.Cluster.Tensors;

/// <summary>
/// One message on a tensor channel connection:
/// <code>
///   "A3CT" | body length (int32) | recipient path | sender path ("" for none) | manifest | payload
/// </code>
/// Strings are length-prefixed UTF-8, numbers little-endian; the payload is the training message as
/// <see cref="TrainingMessageSerializer"/> writes it, to the end of the body.
/// </summary>
internal static class TensorFrame
{
    public const int HeaderBytes = 8;

    /// <summary>Paths and manifests are short; anything longer is not a frame of ours.</summary>
    public const int MaxStringBytes = 4096;

    private const uint Magic = 0x54433341; // "A3CT" read little-endian

    public static byte[] Head(string recipient, string sender, string manifest, int payloadBytes)
    {
        var measuring = WireWriter.Measuring();
        WriteStrings(ref measuring, recipient, sender, manifest);
        var head = new byte[HeaderBytes + measuring.Written];
        BinaryPrimitives.WriteUInt32LittleEndian(head, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(4), checked(measuring.Written + payloadBytes));
        var writer = new WireWriter(head.AsSpan(HeaderBytes));
        WriteStrings(ref writer, recipient, sender, manifest);
        return head;
    }

    /// <summary>The body's length from a frame's first <see cref="HeaderBytes"/> bytes.</summary>
    /// <exception cref="SerializationException">Not our magic (garbage, an HTTP request), or a length outside 1..<paramref name="maximumBodyBytes"/>.</exception>
    public static int BodyLength(ReadOnlySpan<byte> header, int maximumBodyBytes)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
            throw new SerializationException($"not a tensor channel frame: it starts with bytes {Convert.ToHexString(header[..4])}, not 'A3CT'");
        var length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (length < 1 || length > maximumBodyBytes)
            throw new SerializationException($"a frame of {length} bytes is outside 1..{maximumBodyBytes} (a3c.tensor-channel.maximum-frame-size)");
        return length;
    }

    /// <summary>The addressing part of a body; the payload is what follows it.</summary>
    public static (string Recipient, string Sender, string Manifest, int PayloadStart) ReadAddressing(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "tensor channel frame");
        var addressing = (reader.String("recipient", MaxStringBytes), reader.String("sender", MaxStringBytes), reader.String("manifest", MaxStringBytes));
        return (addressing.Item1, addressing.Item2, addressing.Item3, reader.Position);
    }

    private static void WriteStrings(ref WireWriter writer, string recipient, string sender, string manifest)
    {
        writer.String(recipient);
        writer.String(sender);
        writer.String(manifest);
    }
}
