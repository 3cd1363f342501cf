using System.Buffers;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Remote;

public sealed record Ping(int Id);

public sealed record Numbered(int Sequence);

public sealed record Weights(float[] Values);

/// <summary>Carries a ref across the wire: the receiver replies to <see cref="ReplyTo"/>.</summary>
public sealed record Relay(IActorRef ReplyTo, string Text);

/// <summary>A type deliberately left out of the registry.</summary>
public sealed record Unregistered(int Id);

/// <summary>How an application (here: the tests) registers codecs for its own records.</summary>
public static class TestCodecs
{
    public static SerializerRegistry Registry() => new SerializerRegistry()
        .Add(100, MessageCodec.Create<Ping>((o, m) => o.WriteInt32(m.Id), (ref r) => new Ping(Wire.ReadInt32(ref r))))
        .Add(101, MessageCodec.Create<Numbered>((o, m) => o.WriteInt32(m.Sequence), (ref r) => new Numbered(Wire.ReadInt32(ref r))))
        .Add(102, MessageCodec.Create<Weights>((o, m) => o.WriteArray<float>(m.Values), (ref r) => new Weights(Wire.ReadArray<float>(ref r))))
        .Add<Relay>(103, refs => MessageCodec.Create<Relay>(
            (o, m) => { refs.Write(o, m.ReplyTo); o.WriteString(m.Text); },
            (ref r) => new Relay(refs.Read(ref r)!, Wire.ReadString(ref r)!)));
}
