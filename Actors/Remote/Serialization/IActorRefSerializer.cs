using System.Buffers;
using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// Writes a ref inside a message as its full path (with this node's address) and incarnation uid;
/// reads it back as the local actor when the address is ours, otherwise as a <see cref="RemoteActorRef"/>.
/// Codecs for messages that carry refs receive one from <see cref="SerializerRegistry.Add{T}(ushort, Func{IActorRefSerializer, MessageCodec{T}})"/>.
/// </summary>
public interface IActorRefSerializer
{
    void Write(IBufferWriter<byte> output, IActorRef? actor);

    IActorRef? Read(ref SequenceReader<byte> input);
}
