using A3C.Actors.Remote.Serialization;

namespace A3C.Actors.Remote.Transport;

/// <summary>Where in an encoded message a raw array lies: offset and length in bytes, and its element type. Length 0: no array.</summary>
internal readonly record struct ArrayPlacement(int Offset, int Length, ArrayElementKind Kind)
{
    public bool Exists => Length > 0;

    public int End => Offset + Length;
}
