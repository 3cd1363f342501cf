namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// What a stored snapshot reads back as when its bytes fail their checksum or do not decode. It is
/// a value rather than an exception so the snapshot store still hands over the snapshot's metadata
/// (its sequence number), which is what recovery needs to fall back to the one before.
/// </summary>
public sealed record DamagedCheckpoint(string Problem);
