using System.Buffers;

namespace A3C.Actors.Remote.Serialization;

/// <summary>A typed codec; reading must consume the whole payload, so a truncated or padded one is caught.</summary>
public abstract class MessageCodec<T> : IMessageCodec where T : notnull
{
    public Type MessageType => typeof(T);

    public abstract void Write(IBufferWriter<byte> output, T message);

    public abstract T Read(ref SequenceReader<byte> input);

    void IMessageCodec.Write(IBufferWriter<byte> output, object message) => Write(output, (T)message);

    object IMessageCodec.Read(ReadOnlySequence<byte> input)
    {
        var reader = new SequenceReader<byte>(input);
        var message = Read(ref reader);
        if (!reader.End)
            throw new InvalidDataException($"{typeof(T).Name} payload has {reader.Remaining} unread trailing bytes.");
        return message;
    }
}

/// <summary>Builds codecs from a pair of delegates, for small records.</summary>
public static class MessageCodec
{
    public static MessageCodec<T> Create<T>(Action<IBufferWriter<byte>, T> write, WireRead<T> read) where T : notnull =>
        new DelegateCodec<T>(write, read);

    private sealed class DelegateCodec<T>(Action<IBufferWriter<byte>, T> write, WireRead<T> read) : MessageCodec<T> where T : notnull
    {
        public override void Write(IBufferWriter<byte> output, T message) => write(output, message);

        public override T Read(ref SequenceReader<byte> input) => read(ref input);
    }
}
