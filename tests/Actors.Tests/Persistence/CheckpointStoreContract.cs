using A3C.Actors.Persistence;

namespace A3C.Actors.Tests.Persistence;

/// <summary>
/// What every checkpoint store must do, run once per provider by the derived classes. Damage is
/// done to the stored rows with plain SQL, the way a bad disk or a stray edit would.
/// </summary>
public abstract class CheckpointStoreContract : IAsyncLifetime
{
    private const string Run = "pong-a3c";

    private ICheckpointStore? _store;

    protected bool IsOpen => _store is not null;

    protected ICheckpointStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>True when the provider is deliberately not tested here; each test then returns at once.</summary>
    protected virtual bool Skipped => false;

    /// <summary>Opens a new store instance over the same data as earlier ones.</summary>
    protected abstract Task<ICheckpointStore> OpenStoreAsync();

    /// <summary>A table's name as SQL must write it.</summary>
    protected abstract string Table(string name);

    /// <summary>Runs one statement against the database holding <paramref name="run"/>.</summary>
    protected abstract Task ExecuteSqlAsync(string run, string sql);

    /// <summary>Inverts one byte of a stored blob, leaving its length alone.</summary>
    protected abstract Task FlipBlobByteAsync(string run, long sequenceNr, string blobName, int offset);

    /// <summary>Saves small snapshots 1, 2, ... <paramref name="through"/> of <see cref="Run"/>, in that order.</summary>
    private async Task SaveSmallSnapshotsAsync(long through)
    {
        for (long sequenceNr = 1; sequenceNr <= through; sequenceNr++)
        {
            await Store.Snapshots.SaveAsync(TestSnapshots.Small(Run, sequenceNr));
        }
    }

    public virtual async Task InitializeAsync()
    {
        if (!Skipped)
        {
            _store = await OpenStoreAsync();
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Snapshot_round_trip_is_bit_exact()
    {
        if (Skipped) return;
        var saved = TestSnapshots.Create(
            Run, 1200, ("weights", 3 << 20), ("optimizer", 5 << 20), ("normalizer", 1000), ("empty", 0));

        await Store.Snapshots.SaveAsync(saved);
        var loaded = await Store.Snapshots.LoadLatestValidAsync(Run);

        Assert.Empty(loaded.Problems);
        TestSnapshots.AssertBitExact(saved, loaded.Snapshot!);
        TestSnapshots.AssertBitExact(saved, await Store.Snapshots.LoadAsync(Run, 1200));
    }

    [Fact]
    public async Task Latest_valid_snapshot_is_the_newest_one()
    {
        if (Skipped) return;
        foreach (var sequenceNr in new long[] { 100, 300, 200 })
        {
            await Store.Snapshots.SaveAsync(TestSnapshots.Small(Run, sequenceNr));
        }

        var loaded = await Store.Snapshots.LoadLatestValidAsync(Run);

        Assert.Equal(300, loaded.Snapshot!.SequenceNr);
        Assert.Empty(loaded.Problems);
    }

    [Fact]
    public async Task Saving_a_sequence_number_again_replaces_the_snapshot()
    {
        if (Skipped) return;
        await Store.Snapshots.SaveAsync(TestSnapshots.Create(Run, 5, ("weights", 100), ("stale", 10)));
        var replacement = TestSnapshots.Create(Run, 5, ("weights", 200));

        await Store.Snapshots.SaveAsync(replacement);

        TestSnapshots.AssertBitExact(replacement, (await Store.Snapshots.LoadLatestValidAsync(Run)).Snapshot!);
        Assert.Single(await Store.Snapshots.ListAsync(Run));
    }

    [Fact]
    public async Task Journal_reads_events_back_in_append_order()
    {
        if (Skipped) return;
        string[] kinds = [RunEventKinds.Started, RunEventKinds.WorkerJoined, RunEventKinds.Checkpointed, RunEventKinds.WorkerLeft, RunEventKinds.Stopped];
        for (var i = 0; i < kinds.Length; i++)
        {
            var appended = await Store.Journal.AppendAsync(
                Run, kinds[i], $$"""{"index":{{i}}}""", TestSnapshots.Epoch.AddTicks(i * 10_000_000 + 1234));
            Assert.Equal(i + 1, appended.SequenceNr);
        }

        var events = await Store.Journal.ReadAsync(Run);

        Assert.Equal(kinds, events.Select(e => e.Kind));
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.SequenceNr));
        Assert.Equal("""{"index":2}""", events[2].PayloadJson);
        Assert.Equal(TestSnapshots.Epoch.AddSeconds(2), events[2].Timestamp); // kept to the millisecond
        Assert.Equal([4L, 5], (await Store.Journal.ReadAsync(Run, fromSequenceNr: 4)).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Concurrent_appends_get_distinct_consecutive_sequence_numbers()
    {
        if (Skipped) return;
        await Store.Journal.AppendAsync(Run, RunEventKinds.Started, "{}", TestSnapshots.Epoch);

        var appended = await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Store.Journal.AppendAsync(
            Run, RunEventKinds.WorkerJoined, $$"""{"worker":{{worker}}}""", TestSnapshots.Epoch)));

        Assert.Equal(Enumerable.Range(2, 16).Select(i => (long)i), appended.Select(e => e.SequenceNr).Order());
        Assert.Equal(17, (await Store.Journal.ReadAsync(Run)).Count);
    }

    [Fact]
    public async Task A_batch_of_events_is_numbered_on_from_the_journal_in_order()
    {
        if (Skipped) return;
        await Store.Journal.AppendAsync(Run, RunEventKinds.Started, "{}", TestSnapshots.Epoch);

        var appended = await Store.Journal.AppendAllAsync(Run, Enumerable.Range(0, 40)
            .Select(i => new JournalEntry(RunEventKinds.Checkpointed, $$"""{"step":{{i * 100}}}""", TestSnapshots.Epoch.AddMilliseconds(i)))
            .ToList());

        Assert.Equal(Enumerable.Range(2, 40).Select(i => (long)i), appended.Select(e => e.SequenceNr));
        var events = await Store.Journal.ReadAsync(Run);
        Assert.Equal(events.Skip(1), appended);
        Assert.Equal("""{"step":3900}""", events[^1].PayloadJson);
        Assert.Equal(TestSnapshots.Epoch.AddMilliseconds(39), events[^1].Timestamp);
    }

    [Fact]
    public async Task A_batch_with_a_malformed_event_appends_none_of_it()
    {
        if (Skipped) return;
        await Store.Journal.AppendAsync(Run, RunEventKinds.Started, "{}", TestSnapshots.Epoch);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.Journal.AppendAllAsync(Run,
        [
            new JournalEntry(RunEventKinds.Checkpointed, """{"step":100}""", TestSnapshots.Epoch),
            new JournalEntry(RunEventKinds.Checkpointed, """{"step":""", TestSnapshots.Epoch),
        ]));

        Assert.Contains("not valid JSON", error.Message);
        Assert.Equal([RunEventKinds.Started], (await Store.Journal.ReadAsync(Run)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Journal_rejects_a_payload_that_is_not_json()
    {
        if (Skipped) return;
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Store.Journal.AppendAsync(Run, RunEventKinds.Started, "{not json", TestSnapshots.Epoch));

        Assert.Contains("not valid JSON", error.Message);
        Assert.Contains(Run, error.Message);
    }

    [Fact]
    public async Task A_flipped_blob_byte_falls_back_to_the_previous_snapshot_and_is_reported()
    {
        if (Skipped) return;
        await SaveSmallSnapshotsAsync(through: 3);

        await FlipBlobByteAsync(Run, 3, "weights", offset: 1000);
        var reported = new List<SnapshotProblem>();
        var loaded = await Store.Snapshots.LoadLatestValidAsync(Run, reported.Add);

        TestSnapshots.AssertBitExact(TestSnapshots.Small(Run, 2), loaded.Snapshot!);
        var problem = Assert.Single(loaded.Problems);
        Assert.Equal((3L, SnapshotStatus.ChecksumMismatch), (problem.SequenceNr, problem.Status));
        Assert.Equal(loaded.Problems, reported);

        var listed = await Store.Snapshots.ListAsync(Run);
        Assert.Equal(
            [(3L, SnapshotStatus.ChecksumMismatch), (2L, SnapshotStatus.Valid), (1L, SnapshotStatus.Valid)],
            listed.Select(info => (info.SequenceNr, info.Status)));
        var corrupt = await Assert.ThrowsAsync<PersistenceException>(() => Store.Snapshots.LoadAsync(Run, 3));
        Assert.Contains("ChecksumMismatch", corrupt.Message);
    }

    [Fact]
    public async Task Truncated_and_missing_blob_rows_are_reported_unreadable()
    {
        if (Skipped) return;
        await SaveSmallSnapshotsAsync(through: 3);

        await ExecuteSqlAsync(Run,
            $"UPDATE {Table("snapshot_blobs")} SET data = substr(data, 1, 100) " +
            $"WHERE run = '{Run}' AND sequence_nr = 3 AND name = 'weights'");
        await ExecuteSqlAsync(Run,
            $"DELETE FROM {Table("snapshot_blobs")} WHERE run = '{Run}' AND sequence_nr = 2 AND name = 'optimizer'");

        var loaded = await Store.Snapshots.LoadLatestValidAsync(Run);

        Assert.Equal(1, loaded.Snapshot!.SequenceNr);
        Assert.Equal(
            [(3L, SnapshotStatus.Unreadable), (2L, SnapshotStatus.Unreadable)],
            loaded.Problems.Select(problem => (problem.SequenceNr, problem.Status)));
        Assert.Contains("blob 'weights' holds 100 bytes; 4096 were written", loaded.Problems[0].Detail);
        Assert.Contains("2 blob rows found (normalizer, weights); 3 were written", loaded.Problems[1].Detail);
    }

    [Fact]
    public async Task When_every_snapshot_is_corrupt_none_is_returned_and_all_are_reported()
    {
        if (Skipped) return;
        await Store.Snapshots.SaveAsync(TestSnapshots.Small(Run, 1));
        await Store.Snapshots.SaveAsync(TestSnapshots.Small(Run, 2));
        await ExecuteSqlAsync(Run, $"UPDATE {Table("snapshots")} SET metadata = '{{}}' WHERE run = '{Run}'");

        var loaded = await Store.Snapshots.LoadLatestValidAsync(Run);

        Assert.Null(loaded.Snapshot);
        Assert.Equal([2L, 1], loaded.Problems.Select(problem => problem.SequenceNr));
        Assert.All(loaded.Problems, problem => Assert.Equal(SnapshotStatus.ChecksumMismatch, problem.Status));
    }

    [Fact]
    public async Task Retention_keeps_the_newest_k_snapshots()
    {
        if (Skipped) return;
        await SaveSmallSnapshotsAsync(through: 5);

        var deleted = await Store.Snapshots.PruneAsync(Run, keepLast: 2);

        Assert.Equal([3L, 2, 1], deleted);
        Assert.Equal([5L, 4], (await Store.Snapshots.ListAsync(Run)).Select(info => info.SequenceNr));
    }

    [Fact]
    public async Task Retention_never_deletes_the_newest_valid_snapshot()
    {
        if (Skipped) return;
        await SaveSmallSnapshotsAsync(through: 4);

        await FlipBlobByteAsync(Run, 4, "optimizer", offset: 0);
        await FlipBlobByteAsync(Run, 3, "normalizer", offset: 63);

        var deleted = await Store.Snapshots.PruneAsync(Run, keepLast: 2);

        Assert.Equal([1L], deleted);
        Assert.Equal(2, (await Store.Snapshots.LoadLatestValidAsync(Run)).Snapshot!.SequenceNr);
    }

    [Fact]
    public async Task Retention_takes_the_writers_word_for_a_snapshot_it_just_wrote()
    {
        if (Skipped) return;
        await SaveSmallSnapshotsAsync(through: 3);

        // Damage the newest behind the writer's back: told it is valid, the prune does not read it
        // again, so it does not fall back to keeping snapshot 2 as it would after verifying.
        await FlipBlobByteAsync(Run, 3, "optimizer", offset: 0);
        var deleted = await Store.Snapshots.PruneAsync(Run, keepLast: 1, knownValid: 3);

        Assert.Equal([2L, 1], deleted);
    }

    [Fact]
    public async Task Saving_with_retention_stores_the_snapshot_and_keeps_the_newest_k()
    {
        if (Skipped) return;
        var deletedBySave = new List<IReadOnlyList<long>>();
        for (long sequenceNr = 1; sequenceNr <= 5; sequenceNr++)
        {
            deletedBySave.Add(await Store.Snapshots.SaveAndPruneAsync(TestSnapshots.Small(Run, sequenceNr), keepLast: 2));
        }

        Assert.Equal(new long[][] { [], [], [1], [2], [3] }, deletedBySave.Select(deleted => deleted.ToArray()));
        Assert.Equal([5L, 4], (await Store.Snapshots.ListAsync(Run)).Select(info => info.SequenceNr));
        Assert.Equal(TestSnapshots.Small(Run, 5).Blobs["weights"].ToArray(),
            (await Store.Snapshots.LoadLatestValidAsync(Run)).Snapshot!.Blobs["weights"].ToArray());
    }

    [Fact]
    public async Task Retention_keeps_the_snapshot_with_the_best_mean_reward_beyond_the_newest_k()
    {
        if (Skipped) return;
        double?[] rewards = [null, 12, 475, 30, 9];
        for (var i = 0; i < rewards.Length; i++)
        {
            await Store.Snapshots.SaveAsync(TestSnapshots.Rewarded(Run, i + 1, rewards[i]));
        }

        var deleted = await Store.Snapshots.PruneAsync(Run, keepLast: 2);

        Assert.Equal([2L, 1], deleted);
        Assert.Equal([5L, 4, 3], (await Store.Snapshots.ListAsync(Run)).Select(info => info.SequenceNr));
    }

    [Fact]
    public async Task Saving_with_retention_keeps_the_best_snapshot_while_the_run_collapses()
    {
        if (Skipped) return;
        // The run peaks at snapshot 3, then collapses: the peak must outlive every later write.
        double?[] rewards = [null, 200, 475, 30, 12, 9, 480];
        var deletedBySave = new List<IReadOnlyList<long>>();
        for (var i = 0; i < rewards.Length; i++)
        {
            deletedBySave.Add(await Store.Snapshots.SaveAndPruneAsync(TestSnapshots.Rewarded(Run, i + 1, rewards[i]), keepLast: 2));
        }

        // 3 stays beside the newest two until 7 beats it; then it goes like any other.
        Assert.Equal(new long[][] { [], [], [1], [2], [], [4], [5, 3] }, deletedBySave.Select(deleted => deleted.ToArray()));
        Assert.Equal([7L, 6], (await Store.Snapshots.ListAsync(Run)).Select(info => info.SequenceNr));
    }

    [Fact]
    public async Task Listing_marks_the_best_snapshot_by_mean_reward_the_newest_of_equals()
    {
        if (Skipped) return;
        double?[] rewards = [500, null, 500, 20];
        for (var i = 0; i < rewards.Length; i++)
        {
            await Store.Snapshots.SaveAsync(TestSnapshots.Rewarded(Run, i + 1, rewards[i]));
        }

        var listed = await Store.Snapshots.ListAsync(Run);

        Assert.Equal([20, 500, null, 500], listed.Select(info => info.MeanReward));
        Assert.Equal(3, Assert.Single(listed, info => info.IsBest).SequenceNr);
    }

    [Fact]
    public async Task Saving_with_retention_behind_a_newer_damaged_snapshot_keeps_the_one_just_written()
    {
        if (Skipped) return;
        await SaveSmallSnapshotsAsync(through: 4);

        // A run resumed from 2 because 3 and 4 are damaged writes 3 again: 4 is still the newest,
        // so retention falls back to verifying, and the newest valid one (the new 3) stays.
        await FlipBlobByteAsync(Run, 3, "optimizer", offset: 0);
        await FlipBlobByteAsync(Run, 4, "optimizer", offset: 0);
        var deleted = await Store.Snapshots.SaveAndPruneAsync(TestSnapshots.Small(Run, 3), keepLast: 1);

        Assert.Equal([2L, 1], deleted);
        Assert.Equal([4L, 3], (await Store.Snapshots.ListAsync(Run, verify: false)).Select(info => info.SequenceNr));
        Assert.Equal(3, (await Store.Snapshots.LoadLatestValidAsync(Run)).Snapshot!.SequenceNr);
    }

    [Fact]
    public async Task A_schema_newer_than_this_build_is_refused_with_both_versions()
    {
        if (Skipped) return;
        await Store.Snapshots.SaveAsync(TestSnapshots.Small(Run, 1));
        await ExecuteSqlAsync(Run, $"UPDATE {Table("schema_version")} SET version = 99");

        await using var reopened = await OpenStoreAsync();
        var error = await Assert.ThrowsAsync<PersistenceException>(() => reopened.Snapshots.LoadLatestValidAsync(Run));

        Assert.Contains("found schema version 99", error.Message);
        Assert.Contains("understands up to version 1", error.Message);
        Assert.Contains(Store.Location, error.Message);
    }

    [Fact]
    public async Task A_missing_run_names_the_run_where_it_looked_and_the_known_runs()
    {
        if (Skipped) return;
        await Store.Journal.AppendAsync("breakout-a3c", RunEventKinds.Started, "{}", TestSnapshots.Epoch);
        await Store.Snapshots.SaveAsync(TestSnapshots.Small("pong-a3c", 1));

        var error = await Assert.ThrowsAsync<RunNotFoundException>(() => Store.Snapshots.LoadLatestValidAsync("pong-a2c"));

        Assert.Equal("pong-a2c", error.Run);
        Assert.Equal(["breakout-a3c", "pong-a3c"], error.KnownRuns);
        Assert.Contains(Store.Location, error.Message);
        Assert.Contains("breakout-a3c, pong-a3c", error.Message);
        await Assert.ThrowsAsync<RunNotFoundException>(() => Store.Journal.ReadAsync("pong-a2c"));
        await Assert.ThrowsAsync<RunNotFoundException>(() => Store.Snapshots.ListAsync("pong-a2c"));
    }

    [Fact]
    public async Task Runs_are_listed_once_written_to()
    {
        if (Skipped) return;
        Assert.Empty(await Store.ListRunsAsync());

        await Store.Snapshots.SaveAsync(TestSnapshots.Small("run-b", 1));
        await Store.Journal.AppendAsync("run-a", RunEventKinds.Started, "{}", TestSnapshots.Epoch);

        Assert.Equal(["run-a", "run-b"], await Store.ListRunsAsync());
    }

    [Fact]
    public async Task Listing_reports_step_time_size_and_checksum()
    {
        if (Skipped) return;
        var saved = TestSnapshots.Small(Run, 7);
        await Store.Snapshots.SaveAsync(saved);

        var info = Assert.Single(await Store.Snapshots.ListAsync(Run));

        Assert.Equal((7L, saved.Timestamp, saved.Counters, 4096L + 8192 + 64), (info.SequenceNr, info.Timestamp, info.Counters, info.SizeBytes));
        Assert.Equal(SnapshotStatus.Valid, info.Status);
        Assert.Matches("^[0-9a-f]{64}$", info.Checksum);
    }

    [Fact]
    public async Task Writer_stores_in_order_prunes_and_drains_on_dispose()
    {
        if (Skipped) return;
        var writer = new SnapshotWriter(Store.Snapshots, new SnapshotWriterOptions(MaxQueued: 8, KeepLast: 2));
        for (long sequenceNr = 1; sequenceNr <= 4; sequenceNr++)
        {
            writer.Enqueue(TestSnapshots.Small(Run, sequenceNr));
        }

        await writer.DisposeAsync();

        Assert.Equal((4L, 0L, 0L), (writer.SnapshotsWritten, writer.Failures, writer.Coalesced));
        Assert.Equal(4 * (4096L + 8192 + 64), writer.BytesWritten);
        Assert.Equal([4L, 3], (await Store.Snapshots.ListAsync(Run)).Select(info => info.SequenceNr));
    }
}
