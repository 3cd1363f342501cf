using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// Codecs remoting needs itself: primitives, bulk arrays (raw little-endian bytes), the system
/// messages that make remote DeathWatch and remote stop work, and <see cref="Identify"/>.
/// </summary>
internal static class BuiltInCodecs
{
    public static void RegisterInto(SerializerRegistry registry)
    {
        registry
            .AddReserved(1, _ => MessageCodec.Create<string>((o, m) => o.WriteString(m), Wire.ReadString!))
            .AddReserved(2, _ => MessageCodec.Create<int>((o, m) => o.WriteInt32(m), Wire.ReadInt32))
            .AddReserved(3, _ => MessageCodec.Create<long>((o, m) => o.WriteInt64(m), Wire.ReadInt64))
            .AddReserved(4, _ => MessageCodec.Create<double>((o, m) => o.WriteDouble(m), Wire.ReadDouble))
            .AddReserved(5, _ => MessageCodec.Create<bool>((o, m) => o.WriteBoolean(m), Wire.ReadBoolean))
            .AddReserved(10, _ => MessageCodec.Create<float[]>((o, m) => o.WriteArray<float>(m), Wire.ReadArray<float>))
            .AddReserved(11, _ => MessageCodec.Create<byte[]>((o, m) => o.WriteArray<byte>(m), Wire.ReadArray<byte>))
            .AddReserved(12, _ => MessageCodec.Create<double[]>((o, m) => o.WriteArray<double>(m), Wire.ReadArray<double>))
            .AddReserved(13, _ => MessageCodec.Create<int[]>((o, m) => o.WriteArray<int>(m), Wire.ReadArray<int>))
            .AddReserved(14, _ => MessageCodec.Create<long[]>((o, m) => o.WriteArray<long>(m), Wire.ReadArray<long>))
            .AddReserved(20, _ => MessageCodec.Create<PoisonPill>((_, _) => { }, (ref r) => PoisonPill.Instance))
            .AddReserved(21, _ => MessageCodec.Create<Kill>((_, _) => { }, (ref r) => Kill.Instance))
            .AddReserved(22, refs => MessageCodec.Create<Identify>(
                (o, m) => o.WriteInt64(m.CorrelationId),
                (ref r) => new Identify(Wire.ReadInt64(ref r))))
            .AddReserved(23, refs => MessageCodec.Create<ActorIdentity>(
                (o, m) => { o.WriteInt64(m.CorrelationId); refs.Write(o, m.Subject); },
                (ref r) => new ActorIdentity(Wire.ReadInt64(ref r), refs.Read(ref r))))
            .AddReserved(24, refs => MessageCodec.Create<Terminated>(
                (o, m) => { refs.Write(o, m.ActorRef); o.WriteBoolean(m.ExistenceConfirmed); },
                (ref r) => new Terminated(ReadRequired(refs, ref r), Wire.ReadBoolean(ref r))))
            .AddReserved(25, _ => MessageCodec.Create<RemoteFailure>(
                (o, m) => { o.WriteString(m.ExceptionType); o.WriteString(m.Message); },
                (ref r) => new RemoteFailure(Wire.ReadString(ref r) ?? "", Wire.ReadString(ref r) ?? "")))
            .AddReserved(40, refs => MessageCodec.Create<Watch>(
                (o, m) => { refs.Write(o, m.Watchee); refs.Write(o, m.Watcher); },
                (ref r) => new Watch(ReadRequired(refs, ref r), ReadRequired(refs, ref r))))
            .AddReserved(41, refs => MessageCodec.Create<Unwatch>(
                (o, m) => { refs.Write(o, m.Watchee); refs.Write(o, m.Watcher); },
                (ref r) => new Unwatch(ReadRequired(refs, ref r), ReadRequired(refs, ref r))))
            .AddReserved(42, refs => MessageCodec.Create<DeathWatchNotification>(
                (o, m) => { refs.Write(o, m.Actor); o.WriteBoolean(m.ExistenceConfirmed); },
                (ref r) => new DeathWatchNotification(ReadRequired(refs, ref r), Wire.ReadBoolean(ref r))))
            .AddReserved(43, _ => MessageCodec.Create<Terminate>((_, _) => { }, (ref r) => new Terminate()));
    }

    private static IActorRef ReadRequired(IActorRefSerializer refs, ref System.Buffers.SequenceReader<byte> input) =>
        refs.Read(ref input) ?? throw new InvalidDataException("A system message names no actor where one is required.");
}
