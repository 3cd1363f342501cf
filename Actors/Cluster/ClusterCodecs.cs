using A3C.Actors.Remote.Serialization;

namespace A3C.Actors.Cluster;

/// <summary>Wire codecs for the membership messages, under type ids 100-109.</summary>
public static class ClusterCodecs
{
    public const ushort JoinTypeId = 100;
    public const ushort WelcomeTypeId = 101;

    public static SerializerRegistry AddClusterCodecs(this SerializerRegistry registry) => registry
        .Add<Join>(JoinTypeId, refs => MessageCodec.Create<Join>(
            (output, join) =>
            {
                output.WriteString(join.Role);
                refs.Write(output, join.Node);
            },
            (ref input) => new Join(
                Wire.ReadString(ref input) ?? throw new InvalidDataException("Join names no role."),
                refs.Read(ref input) ?? throw new InvalidDataException("Join names no node."))))
        .Add(WelcomeTypeId, MessageCodec.Create<Welcome>(
            (output, welcome) =>
            {
                output.WriteInt32(welcome.NodeNumber);
                output.WriteString(welcome.SeedRole);
            },
            (ref input) => new Welcome(Wire.ReadInt32(ref input), Wire.ReadString(ref input) ?? throw new InvalidDataException("Welcome names no seed role."))));
}
