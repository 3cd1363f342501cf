namespace A3C.Actors.Persistence;

/// <summary>
/// Verification, fallback and retention shared by the relational stores; a provider only moves
/// rows in and out.
/// </summary>
internal abstract class SnapshotStoreBase : ISnapshotStore
{
    public async Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.Validate();
        await WriteAsync(snapshot, SnapshotHasher.Compute(snapshot), pruneToNewest: null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<long>> SaveAndPruneAsync(Snapshot snapshot, int keepLast, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepLast, 1);
        snapshot.Validate();
        var pruned = await WriteAsync(snapshot, SnapshotHasher.Compute(snapshot), keepLast, cancellationToken).ConfigureAwait(false);
        // Null: the snapshot is not the newest (a run resumed behind newer, damaged ones), so the
        // verifying prune decides what stays.
        return pruned ?? await PruneAsync(snapshot.Run, keepLast, knownValid: snapshot.SequenceNr, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SnapshotLoadResult> LoadLatestValidAsync(
        string run, Action<SnapshotProblem>? onProblem = null, CancellationToken cancellationToken = default)
    {
        RunName.Validate(run);
        var problems = new List<SnapshotProblem>();
        foreach (var stored in await ReadHeadersAsync(run, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var snapshot = await ReadVerifiedAsync(stored, cancellationToken).ConfigureAwait(false);
                return new SnapshotLoadResult(snapshot, problems);
            }
            catch (SnapshotCorruptException e)
            {
                if (!await IsStillStoredAsync(stored, cancellationToken).ConfigureAwait(false))
                {
                    continue; // Pruned while being read: a race, not damage.
                }

                var problem = new SnapshotProblem(run, stored.SequenceNr, e.Status, e.Message);
                problems.Add(problem);
                onProblem?.Invoke(problem);
            }
        }

        return new SnapshotLoadResult(null, problems);
    }

    public async Task<Snapshot> LoadAsync(string run, long sequenceNr, CancellationToken cancellationToken = default)
    {
        RunName.Validate(run);
        var headers = await ReadHeadersAsync(run, cancellationToken).ConfigureAwait(false);
        var stored = headers.FirstOrDefault(header => header.SequenceNr == sequenceNr)
            ?? throw new PersistenceException(
                $"Run '{run}' in {Location} has no snapshot {sequenceNr}; it has " +
                (headers.Count == 0 ? "none." : string.Join(", ", headers.Select(header => header.SequenceNr)) + "."));
        try
        {
            return await ReadVerifiedAsync(stored, cancellationToken).ConfigureAwait(false);
        }
        catch (SnapshotCorruptException e)
        {
            throw new PersistenceException(
                $"Snapshot {sequenceNr} of run '{run}' in {Location} is {e.Status}: {e.Message}", e);
        }
    }

    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync(
        string run, bool verify = true, CancellationToken cancellationToken = default)
    {
        RunName.Validate(run);
        var infos = new List<SnapshotInfo>();
        var headers = await ReadHeadersAsync(run, cancellationToken).ConfigureAwait(false);
        var best = SnapshotRetention.Best(headers.Select(stored => (stored.SequenceNr, stored.MeanReward)));
        foreach (var stored in headers)
        {
            var problem = verify ? await VerifyAsync(stored, cancellationToken).ConfigureAwait(false) : null;
            if (problem is not null && !await IsStillStoredAsync(stored, cancellationToken).ConfigureAwait(false))
            {
                continue; // Pruned while being read (a listing taken during training).
            }

            infos.Add(new SnapshotInfo(
                run, stored.SequenceNr, stored.Timestamp, stored.Counters, stored.BlobBytes,
                Convert.ToHexStringLower(stored.Checksum), problem?.Status ?? SnapshotStatus.Valid, problem?.Detail,
                stored.MeanReward, stored.SequenceNr == best));
        }

        return infos;
    }

    public async Task<IReadOnlyList<long>> PruneAsync(string run, int keepLast, long? knownValid = null, CancellationToken cancellationToken = default)
    {
        RunName.Validate(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepLast, 1);
        var newestFirst = await ReadHeadersAsync(run, cancellationToken).ConfigureAwait(false);
        var keep = newestFirst.Select(stored => stored.SequenceNr)
            .Except(SnapshotRetention.Doomed([.. newestFirst.Select(stored => (stored.SequenceNr, stored.MeanReward))], keepLast))
            .ToHashSet();

        // Walk from the newest until one verifies: that one survives even if it lies beyond keepLast,
        // so a run of corrupt writes can never leave a run without a snapshot to resume from.
        foreach (var stored in newestFirst)
        {
            if (stored.SequenceNr == knownValid || await VerifyAsync(stored, cancellationToken).ConfigureAwait(false) is null)
            {
                keep.Add(stored.SequenceNr);
                break;
            }
        }

        var doomed = newestFirst.Select(stored => stored.SequenceNr).Where(sequenceNr => !keep.Contains(sequenceNr)).ToList();
        if (doomed.Count > 0)
        {
            await DeleteAsync(run, doomed, cancellationToken).ConfigureAwait(false);
        }

        return doomed;
    }

    /// <summary>Where the store keeps its data, for messages.</summary>
    public abstract string Location { get; }

    /// <summary>
    /// Stores the snapshot and its checksum in one transaction, replacing one with the same sequence number.
    /// With <paramref name="pruneToNewest"/>, and when the snapshot is the run's newest, the same
    /// transaction deletes all but the newest <paramref name="pruneToNewest"/> snapshots: the one just
    /// written is valid, so the newest valid snapshot always stays. Returns the deleted sequence numbers,
    /// newest first; null when pruning was asked for but the snapshot is not the newest.
    /// </summary>
    protected abstract Task<IReadOnlyList<long>?> WriteAsync(
        Snapshot snapshot, byte[] checksum, int? pruneToNewest, CancellationToken cancellationToken);

    /// <summary>The run's snapshot headers, newest first.</summary>
    /// <exception cref="RunNotFoundException">The store has no such run.</exception>
    protected abstract Task<IReadOnlyList<StoredSnapshot>> ReadHeadersAsync(string run, CancellationToken cancellationToken);

    /// <summary>The blob rows of one snapshot, in any order.</summary>
    protected abstract Task<IReadOnlyList<StoredBlob>> ReadBlobIndexAsync(
        StoredSnapshot stored, CancellationToken cancellationToken);

    /// <summary>Streams one blob's data into <paramref name="sink"/>.</summary>
    protected abstract Task CopyBlobAsync(
        StoredSnapshot stored, StoredBlob blob, IBlobSink sink, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the snapshot's header row still exists. Reads of one snapshot are not one transaction,
    /// so a snapshot pruned meanwhile looks damaged; this tells the two apart.
    /// </summary>
    protected abstract Task<bool> IsStillStoredAsync(StoredSnapshot stored, CancellationToken cancellationToken);

    protected abstract Task DeleteAsync(string run, IReadOnlyList<long> sequenceNrs, CancellationToken cancellationToken);

    private async Task<Snapshot> ReadVerifiedAsync(StoredSnapshot stored, CancellationToken cancellationToken)
    {
        var blobs = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var blob in await ReadCheckedBlobIndexAsync(stored, cancellationToken).ConfigureAwait(false))
        {
            var sink = new BufferBlobSink(blob.Name, blob.RecordedLength);
            await CopyBlobAsync(stored, blob, sink, cancellationToken).ConfigureAwait(false);
            blobs.Add(blob.Name, sink.Complete());
        }

        var snapshot = new Snapshot(
            stored.Run, stored.SequenceNr, stored.Timestamp, stored.Counters, stored.MetadataJson, blobs);
        EnsureChecksumMatches(stored, SnapshotHasher.Compute(snapshot));
        return snapshot;
    }

    /// <summary>Re-hashes a stored snapshot without holding its blobs; null when it is valid.</summary>
    private async Task<SnapshotProblem?> VerifyAsync(StoredSnapshot stored, CancellationToken cancellationToken)
    {
        try
        {
            using var hasher = new SnapshotHasher();
            hasher.AppendHeader(
                stored.Run, stored.SequenceNr, stored.TimestampMs, stored.Counters, stored.MetadataJson, stored.BlobCount);
            foreach (var blob in await ReadCheckedBlobIndexAsync(stored, cancellationToken).ConfigureAwait(false))
            {
                hasher.BeginBlob(blob.Name, blob.RecordedLength);
                await CopyBlobAsync(stored, blob, hasher, cancellationToken).ConfigureAwait(false);
            }

            EnsureChecksumMatches(stored, hasher.Finish());
            return null;
        }
        catch (SnapshotCorruptException e)
        {
            return new SnapshotProblem(stored.Run, stored.SequenceNr, e.Status, e.Message);
        }
    }

    /// <summary>The blob rows in hashing order, once their count and lengths agree with what was written.</summary>
    private async Task<IReadOnlyList<StoredBlob>> ReadCheckedBlobIndexAsync(
        StoredSnapshot stored, CancellationToken cancellationToken)
    {
        var blobs = (await ReadBlobIndexAsync(stored, cancellationToken).ConfigureAwait(false))
            .OrderBy(blob => blob.Name, StringComparer.Ordinal)
            .ToList();
        if (blobs.Count != stored.BlobCount)
        {
            throw new SnapshotCorruptException(
                SnapshotStatus.Unreadable,
                $"{blobs.Count} blob rows found ({string.Join(", ", blobs.Select(blob => blob.Name))}); {stored.BlobCount} were written");
        }

        foreach (var blob in blobs.Where(blob => blob.ActualLength != blob.RecordedLength))
        {
            throw new SnapshotCorruptException(
                SnapshotStatus.Unreadable,
                $"blob '{blob.Name}' holds {blob.ActualLength} bytes; {blob.RecordedLength} were written (truncated?)");
        }

        return blobs;
    }

    private static void EnsureChecksumMatches(StoredSnapshot stored, byte[] actual)
    {
        if (!actual.AsSpan().SequenceEqual(stored.Checksum))
        {
            throw new SnapshotCorruptException(
                SnapshotStatus.ChecksumMismatch,
                $"content hashes to {Convert.ToHexStringLower(actual)}; stored checksum is {Convert.ToHexStringLower(stored.Checksum)}");
        }
    }
}
