using System.Data.Common;
using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;

namespace A3C.Actors.Tests.Persistence.Checkpoints;

/// <summary>
/// What checkpoints on Akka.Persistence.Sql must do on every provider: store and read back
/// bit-exact, fall back past a damaged snapshot, keep the newest k and the best, and keep a state
/// that could not be written until it is. Faults are injected in the database itself (bytes
/// flipped in the plugin's snapshot table, triggers that refuse writes), as a disk or a server
/// would fail, never by timing.
/// </summary>
public abstract class CheckpointPersistenceContract : TestKit
{
    protected const string Run = "cartpole";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Retries only when asked to flush: a test decides when the store is usable again.
    private static readonly CheckpointKeeperTimings NoRetryUntilFlush =
        new(WriteTimeout: TimeSpan.FromMinutes(1), FirstRetry: TimeSpan.FromHours(1), MaxRetry: TimeSpan.FromHours(1));

    protected CheckpointPersistenceContract(PersistenceOptions options, bool skipped = false)
        : base(skipped ? Config.Empty : Prepared(options), "checkpoints")
    {
        Options = options;
        Skipped = skipped;
        Reader = new CheckpointReader(Sys, CheckpointStore.LocationOf(options, Run));
    }

    protected PersistenceOptions Options { get; }

    /// <summary>The provider's server is not there and the tests were asked to skip it: each test returns at once.</summary>
    protected bool Skipped { get; }

    protected CheckpointReader Reader { get; }

    /// <summary>A raw connection to the plugin's database.</summary>
    protected abstract Task<DbConnection> OpenDatabaseAsync();

    /// <summary>A plugin table's name as SQL must spell it.</summary>
    protected abstract string Table(string name);

    /// <summary>Makes every insert into <paramref name="table"/> fail as a full disk would.</summary>
    protected abstract Task FailWritesToAsync(string table);

    protected abstract Task AllowWritesToAsync(string table);

    private static Config Prepared(PersistenceOptions options)
    {
        CheckpointStore.PrepareAsync(options, Run, create: true).GetAwaiter().GetResult();
        return CheckpointStore.ConfigFor(options, Run);
    }

    protected IActorRef Keeper(int keep = 5) =>
        Sys.ActorOf(CheckpointKeeper.Props(Run, keep, new RunStarted("A2C", "CartPole-v1", null, "the test", DateTimeOffset.UnixEpoch), NoRetryUntilFlush));

    protected Task<CheckpointsFlushed> FlushAsync(IActorRef keeper) => keeper.Ask<CheckpointsFlushed>(new FlushCheckpoints(), Patience);

    protected async Task StoreAllAsync(IActorRef keeper, params LearnerState[] states)
    {
        foreach (var state in states)
        {
            keeper.Tell(new TakeCheckpoint(state));
            Assert.True((await FlushAsync(keeper)).AllStored); // one at a time, so none replaces another
        }
    }

    protected async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<List<long>> StoredSnapshotsAsync()
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT sequence_number FROM {Table("snapshot")} WHERE persistence_id = '{Run}' ORDER BY sequence_number";
        var found = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found.Add(reader.GetInt64(0));
        return found;
    }

    /// <summary>Flips one byte of a stored snapshot, in the plugin's own table.</summary>
    protected async Task FlipSnapshotByteAsync(long sequenceNr, int offset)
    {
        byte[] bytes;
        await using (var connection = await OpenDatabaseAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT snapshot FROM {Table("snapshot")} WHERE persistence_id = '{Run}' AND sequence_number = {sequenceNr}";
            bytes = (byte[])(await command.ExecuteScalarAsync())!;
        }
        bytes[offset] ^= 0xFF;
        await ExecuteAsync($"UPDATE {Table("snapshot")} SET snapshot = @bytes WHERE persistence_id = '{Run}' AND sequence_number = {sequenceNr}",
            ("@bytes", bytes));
    }

    [Fact]
    public async Task A_checkpoint_reads_back_bit_exact()
    {
        if (Skipped) return;
        var state = TestStates.Learner(100, meanReward: 21.5, weightBytes: 100_000);
        await StoreAllAsync(Keeper(), state);

        var (_, loaded) = await Reader.LoadLatestValidAsync(Run);

        TestStates.AssertSame(state, loaded);
    }

    [Fact]
    public async Task The_newest_checkpoint_is_the_one_resumed_from()
    {
        if (Skipped) return;
        await StoreAllAsync(Keeper(), TestStates.Learner(1), TestStates.Learner(2), TestStates.Learner(3));

        var (_, loaded) = await Reader.LoadLatestValidAsync(Run);

        Assert.Equal(3, loaded.Step);
    }

    [Fact]
    public async Task A_flipped_snapshot_byte_is_reported_and_recovery_falls_back_to_the_one_before()
    {
        if (Skipped) return;
        await StoreAllAsync(Keeper(), TestStates.Learner(1), TestStates.Learner(2), TestStates.Learner(3));
        var history = await Reader.HistoryAsync(Run);
        var newest = history.Latest!.SnapshotSequenceNr;
        await FlipSnapshotByteAsync(newest, offset: 2_000);

        var problems = new List<string>();
        var (sequenceNr, loaded) = await Reader.LoadLatestValidAsync(Run, problems.Add);

        Assert.Equal(2, loaded.Step);
        Assert.Equal(history.AtStep(2)!.SnapshotSequenceNr, sequenceNr);
        var problem = Assert.Single(problems);
        Assert.Contains($"snapshot {newest} of run '{Run}'", problem);
        Assert.Contains("SHA-256 does not match", problem);
        var listed = await Reader.ListAsync(Run, verify: true);
        Assert.Equal([false, true, true], listed.Select(c => c.IsValid));
    }

    [Fact]
    public async Task When_every_snapshot_is_damaged_none_is_loaded_and_each_is_reported()
    {
        if (Skipped) return;
        await StoreAllAsync(Keeper(), TestStates.Learner(1), TestStates.Learner(2));
        foreach (var checkpoint in (await Reader.HistoryAsync(Run)).Checkpoints) await FlipSnapshotByteAsync(checkpoint.SnapshotSequenceNr, offset: 40);

        var problems = new List<string>();
        var error = await Assert.ThrowsAsync<PersistenceException>(() => Reader.LoadLatestValidAsync(Run, problems.Add));

        Assert.Equal(2, problems.Count);
        Assert.Contains("no valid snapshot to resume from", error.Message);
    }

    [Fact]
    public async Task Retention_keeps_the_newest_k_and_the_best_by_mean_reward()
    {
        if (Skipped) return;
        var keeper = Keeper(keep: 2);
        await StoreAllAsync(keeper, TestStates.Learner(1, 10), TestStates.Learner(2, 90), TestStates.Learner(3, 20),
            TestStates.Learner(4, 30), TestStates.Learner(5, 40));

        await AwaitAssertAsync(async () => Assert.Equal([2L, 4, 5], (await Reader.HistoryAsync(Run)).Checkpoints.Select(c => c.Step)),
            Patience);
        var history = await Reader.HistoryAsync(Run);
        Assert.Equal(history.Checkpoints.Select(c => c.SnapshotSequenceNr), await StoredSnapshotsAsync());
        Assert.Equal(2, history.Best!.Step);
    }

    [Fact]
    public async Task A_failed_snapshot_write_is_reported_and_its_state_kept_until_stored()
    {
        if (Skipped) return;
        var keeper = Keeper();
        await StoreAllAsync(keeper, TestStates.Learner(1));
        Sys.EventStream.Subscribe(TestActor, typeof(CheckpointNotStored));
        await FailWritesToAsync("snapshot");

        keeper.Tell(new TakeCheckpoint(TestStates.Learner(2)));

        var notStored = ExpectMsg<CheckpointNotStored>(Patience);
        Assert.Equal(2, notStored.Step);
        Assert.Contains("disk full (injected)", notStored.Reason);
        var flushed = await FlushAsync(keeper);
        Assert.Equal(2, flushed.UnstoredStep);
        Assert.Equal(1, flushed.LastStoredStep);
        Assert.Contains("disk full (injected)", flushed.Problem);

        await AllowWritesToAsync("snapshot");
        Assert.True((await FlushAsync(keeper)).AllStored);
        Assert.Equal(2, (await Reader.LoadLatestValidAsync(Run)).State.Step);
    }

    [Fact]
    public async Task A_failed_journal_write_stops_the_writer_and_a_new_one_stores_the_kept_state()
    {
        if (Skipped) return;
        var keeper = Keeper();
        await StoreAllAsync(keeper, TestStates.Learner(1));
        await FailWritesToAsync("journal");

        keeper.Tell(new TakeCheckpoint(TestStates.Learner(2)));
        var flushed = await FlushAsync(keeper);
        Assert.Equal(2, flushed.UnstoredStep);

        await AllowWritesToAsync("journal");
        Assert.True((await FlushAsync(keeper)).AllStored);
        Assert.Equal([1L, 2], (await Reader.HistoryAsync(Run)).Checkpoints.Select(c => c.Step));
    }

    [Fact]
    public async Task A_newer_state_replaces_one_waiting_to_be_stored()
    {
        if (Skipped) return;
        var keeper = Keeper();
        await StoreAllAsync(keeper, TestStates.Learner(1));
        await FailWritesToAsync("snapshot");
        Sys.EventStream.Subscribe(TestActor, typeof(CheckpointNotStored));
        keeper.Tell(new TakeCheckpoint(TestStates.Learner(2)));
        ExpectMsg<CheckpointNotStored>(Patience);

        keeper.Tell(new TakeCheckpoint(TestStates.Learner(3)));
        keeper.Tell(new TakeCheckpoint(TestStates.Learner(4)));
        await AllowWritesToAsync("snapshot");

        Assert.True((await FlushAsync(keeper)).AllStored);
        Assert.Equal([1L, 4], (await Reader.HistoryAsync(Run)).Checkpoints.Select(c => c.Step));
    }

    [Fact]
    public async Task On_stopping_the_newest_state_gets_its_own_try_even_behind_a_failing_write()
    {
        if (Skipped) return;
        var keeper = Keeper();
        await StoreAllAsync(keeper, TestStates.Learner(1));
        Sys.EventStream.Subscribe(TestActor, typeof(CheckpointNotStored));
        await FailWritesToAsync("snapshot");

        // Whether step 2's write fails before or after the flush arrives, step 3 is tried before the answer.
        keeper.Tell(new TakeCheckpoint(TestStates.Learner(2)));
        keeper.Tell(new TakeCheckpoint(TestStates.Learner(3)));
        var flushed = await FlushAsync(keeper);

        Assert.Equal(3, flushed.UnstoredStep);
        Assert.Equal([2L, 3], new[] { ExpectMsg<CheckpointNotStored>(Patience), ExpectMsg<CheckpointNotStored>(Patience) }.Select(n => n.Step));
    }

    [Fact]
    public async Task The_journal_records_each_checkpoint_with_its_counters_size_and_checksum()
    {
        if (Skipped) return;
        var state = TestStates.Learner(12, meanReward: 195.5);
        await StoreAllAsync(Keeper(), state);

        var recorded = Assert.Single((await Reader.HistoryAsync(Run)).Checkpoints);

        var encoded = CheckpointEncoding.Encode(state);
        Assert.Equal((12L, state.Frames, state.Episodes, (double?)195.5, encoded.Bytes.LongLength, state.Timestamp),
            (recorded.Step, recorded.Frames, recorded.Episodes, recorded.MeanReward, recorded.SizeBytes, recorded.Timestamp));
        Assert.Equal(encoded.Checksum, recorded.Checksum);
    }

    [Fact]
    public async Task Listing_marks_the_best_and_verifies_each_snapshot()
    {
        if (Skipped) return;
        await StoreAllAsync(Keeper(), TestStates.Learner(1, 5), TestStates.Learner(2, 7), TestStates.Learner(3, 7), TestStates.Learner(4, 6));

        var listed = await Reader.ListAsync(Run, verify: true);

        Assert.Equal([4L, 3, 2, 1], listed.Select(c => c.Recorded.Step));
        Assert.Equal(3, Assert.Single(listed, c => c.IsBest).Recorded.Step); // the newest of equals
        Assert.All(listed, c => Assert.True(c.IsValid, c.Problem));
    }
}
