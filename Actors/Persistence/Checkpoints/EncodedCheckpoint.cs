namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// A <see cref="LearnerState"/> already encoded with its checksum trailer: what the snapshot store
/// is handed. Encoding happens once, in the checkpoint actor, so the serializer only passes the
/// array on and the journal event can carry the same checksum.
/// </summary>
public sealed record EncodedCheckpoint(long Step, byte[] Bytes, byte[] Checksum);
