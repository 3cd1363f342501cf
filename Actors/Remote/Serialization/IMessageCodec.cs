using System.Buffers;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// Turns one message type into bytes and back. Implementations write little-endian binary with
/// the helpers in <see cref="Wire"/>; a payload that cannot be read throws
/// <see cref="InvalidDataException"/>, which closes the connection it came from.
/// </summary>
public interface IMessageCodec
{
    Type MessageType { get; }

    void Write(IBufferWriter<byte> output, object message);

    object Read(ReadOnlySequence<byte> input);
}

/// <summary>Reads one value from a <see cref="SequenceReader{T}"/> (a ref struct, hence not a Func).</summary>
public delegate T WireRead<out T>(ref SequenceReader<byte> input);
