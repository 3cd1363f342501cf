using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// Akka serializer for everything the checkpoint actors persist. Without it Akka would fall back
/// to JSON, which turned a 13 MiB float array into 74 MB and 9.5 s. Snapshots use
/// <see cref="CheckpointEncoding"/>; the small journal events a versioned binary layout.
/// </summary>
/// <remarks>
/// A snapshot is written as an <see cref="EncodedCheckpoint"/> (already encoded and checksummed)
/// and read back as a <see cref="LearnerState"/>, or as a <see cref="DamagedCheckpoint"/> when it
/// fails its checksum: reading never throws for a damaged snapshot, so recovery learns which one
/// was damaged and can select the one before.
/// </remarks>
public sealed class CheckpointSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka's serializer id for this project's checkpoints; ids below 100 are Akka's own.</summary>
    public const int Id = 4_140;

    private const string SnapshotManifest = "snapshot";
    private const string RecordedManifest = "recorded";
    private const string StartedManifest = "started";
    private const string PrunedManifest = "pruned";
    private const byte EventVersion = 1;

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        EncodedCheckpoint or LearnerState => SnapshotManifest,
        CheckpointRecorded => RecordedManifest,
        RunStarted => StartedManifest,
        CheckpointsPruned => PrunedManifest,
        _ => throw Unknown(o),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        EncodedCheckpoint encoded => encoded.Bytes,
        LearnerState state => CheckpointEncoding.Encode(state).Bytes,
        CheckpointRecorded recorded => Event(w =>
        {
            w.Write(recorded.SnapshotSequenceNr);
            w.Write(recorded.Step);
            w.Write(recorded.Frames);
            w.Write(recorded.Episodes);
            WriteReward(w, recorded.MeanReward);
            w.Write(recorded.SizeBytes);
            w.Write(recorded.Checksum.Length);
            w.Write(recorded.Checksum);
            w.Write(recorded.Timestamp.UtcTicks);
        }),
        RunStarted started => Event(w =>
        {
            w.Write(started.Mode);
            w.Write(started.Environment);
            w.Write(started.ResumedFromStep ?? -1);
            w.Write(started.Holder);
            w.Write(started.Timestamp.UtcTicks);
        }),
        CheckpointsPruned pruned => Event(w =>
        {
            w.Write(pruned.SnapshotSequenceNrs.Length);
            foreach (var sequenceNr in pruned.SnapshotSequenceNrs) w.Write(sequenceNr);
        }),
        _ => throw Unknown(obj),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest == SnapshotManifest) return CheckpointEncoding.Decode(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            if (reader.ReadByte() is var version and not EventVersion)
                throw new SerializationException($"checkpoint journal event '{manifest}' has version {version}; this a3c reads version {EventVersion}.");
            return manifest switch
            {
                RecordedManifest => new CheckpointRecorded(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                    ReadReward(reader), reader.ReadInt64(), reader.ReadBytes(reader.ReadInt32()), new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero)),
                StartedManifest => new RunStarted(reader.ReadString(), reader.ReadString(),
                    reader.ReadInt64() is var from and >= 0 ? from : null, reader.ReadString(), new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero)),
                PrunedManifest => new CheckpointsPruned(Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadInt64()).ToArray()),
                _ => throw new SerializationException($"unknown checkpoint manifest '{manifest}'"),
            };
        }
        catch (EndOfStreamException e)
        {
            throw new SerializationException($"checkpoint journal event '{manifest}' is truncated ({bytes.Length} bytes).", e);
        }
    }

    private static byte[] Event(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(EventVersion);
            write(writer);
        }
        return stream.ToArray();
    }

    private static void WriteReward(BinaryWriter writer, double? reward)
    {
        writer.Write(reward is not null);
        writer.Write(reward ?? 0);
    }

    private static double? ReadReward(BinaryReader reader)
    {
        var present = reader.ReadBoolean();
        var value = reader.ReadDouble();
        return present ? value : null;
    }

    private static ArgumentException Unknown(object o) =>
        new($"{nameof(CheckpointSerializer)} cannot serialize {o.GetType()}: bind it to another serializer.");
}
