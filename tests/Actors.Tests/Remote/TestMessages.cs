using System.Buffers;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Remote;

public sealed record Ping(int Id);

public sealed record Numbered(int Sequence);

public sealed record Weights(float[] Values);

/// <summary>Two bulk arrays and fields around them, as an experience batch has.</summary>
public sealed record Batch(long Step, int[] Actions, float[] Observations, string Tag);

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
        .Add(104, MessageCodec.Create<Batch>(
            (o, m) => { o.WriteInt64(m.Step); o.WriteArray<int>(m.Actions); o.WriteArray<float>(m.Observations); o.WriteString(m.Tag); },
            (ref r) => new Batch(Wire.ReadInt64(ref r), Wire.ReadArray<int>(ref r), Wire.ReadArray<float>(ref r), Wire.ReadString(ref r)!)))
        .Add<Relay>(103, refs => MessageCodec.Create<Relay>(
            (o, m) => { refs.Write(o, m.ReplyTo); o.WriteString(m.Text); },
            (ref r) => new Relay(refs.Read(ref r)!, Wire.ReadString(ref r)!)));
}
