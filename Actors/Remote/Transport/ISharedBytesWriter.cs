using A3C.Actors.Remote.Serialization;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// A buffer writer that can take a reference to bytes instead of copying them: how a bulk array
/// (a weight snapshot, gradients) reaches the socket without being copied into scratch space first,
/// and how one snapshot sent to many nodes is shared by all their encodings. The bytes must stay
/// unchanged until sent, which is what messages promise anyway.
/// </summary>
internal interface ISharedBytesWriter
{
    /// <summary>Set when this node compresses large arrays it sends; null sends them raw.</summary>
    ArrayCompressor? Compressor { get; }

    /// <param name="bytes">The bytes to reference.</param>
    /// <param name="arrayKind">
    /// The element type when the bytes are a raw array's, so a receiver can allocate it ahead of decoding;
    /// <see cref="ArrayElementKind.None"/> for other bytes (a compressed array).
    /// </param>
    void WriteShared(ReadOnlyMemory<byte> bytes, ArrayElementKind arrayKind = ArrayElementKind.None);
}
