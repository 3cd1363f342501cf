using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using Microsoft.Data.Sqlite;

namespace A3C.Host.Tests;

/// <summary>
/// <c>a3c train</c> and <c>a3c checkpoints</c> as a user runs them: separate processes over a
/// temporary runs directory. Nothing waits on time except hang guards.
/// </summary>
public sealed class TrainResumeTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "a3c-host-tests", Guid.NewGuid().ToString("N"));
    private PersistenceOptions _store = null!;

    private string RunsDirectory => Path.Combine(_directory, "runs");

    private string ConfigFile => Path.Combine(_directory, "cartpole.conf");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        // A frame budget no test reaches, and no reward bound: only the tests end these runs.
        await File.WriteAllTextAsync(ConfigFile, $$"""
            a3c.environment { id = CartPole-v1, envs-per-worker = 8 }
            a3c.training {
              mode = a2c
              workers = 2
              batch-size = 64
              learning-rate = 0.003
              adam-eps = 1e-5
              clip-grad = 0.5
              hidden = 64
              max-frames = 100000000
              reward-bound = null
            }
            a3c.persistence {
              directory = "{{RunsDirectory}}"
              checkpoint-interval = 5
              # Every 5 updates, not at most once a second: the resumed run checks that cadence.
              checkpoint-min-period = 0
              keep = 3
            }
            """);
        _store = new PersistenceOptions(PersistenceProvider.Sqlite, RunsDirectory);
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_killed_run_resumes_from_its_last_snapshot_with_its_weights_and_counters()
    {
        using (var training = A3cProcess.Start(_directory, "train", "--config", ConfigFile, "--run", "killed"))
        {
            await WaitForSnapshotsAsync(training, "killed", count: 2);
            training.Kill();
        }

        var last = await LatestAsync("killed");
        // 625 steps for each of the 16 envs: past CartPole-v1's 500-step limit, so every env ends an
        // episode however well the killed run had learned (it may be killed after thousands of updates).
        var extraFrames = 10_000;
        using var resumed = await A3cProcess.RunAsync(_directory,
            "train", "--resume", "killed", "--set", $"persistence.directory=\"{RunsDirectory}\"",
            "--set", $"training.max-frames={last.Frames + extraFrames}");

        Assert.True(resumed.ExitCode == 0, $"exit code {resumed.ExitCode}:\n{resumed.Output}\n{resumed.Error}");
        Assert.Contains($"resuming from snapshot {last.Step}:", resumed.Output);

        // The journal tells the second start, resumed from that step.
        Assert.Equal(last.Step, (await EventsAsync("killed")).OfType<RunStarted>().Last().ResumedFromStep);

        // ...and counted on from there, into the same run.
        var newest = await LatestAsync("killed");
        Assert.True(newest.Step > last.Step, $"newest checkpoint {newest.Step}, resumed from {last.Step}");
        Assert.InRange(newest.Frames, last.Frames + extraFrames, last.Frames + extraFrames + 64);
        Assert.True(newest.Episodes > last.Episodes);
        Assert.Equal(["killed"], SqliteCheckpointFile.Runs(RunsDirectory));
        // Checkpointed as often as the stored config says (every 5 updates), not the reference's 100.
        Assert.True((await EventsAsync("killed")).OfType<CheckpointRecorded>().Count(c => c.Step > last.Step) >= 2);
    }

    [Fact]
    public async Task A_terminated_run_stores_its_final_snapshot_before_exiting()
    {
        // No periodic snapshots: whatever is stored was written on the way out.
        using var training = A3cProcess.Start(_directory,
            "train", "--config", ConfigFile, "--run", "terminated", "--set", "persistence.checkpoint-interval=0");
        await WaitForProgressAsync(training);
        training.Terminate();
        await training.WaitForExitAsync();

        Assert.True(training.ExitCode == 0, $"exit code {training.ExitCode}:\n{training.Output}\n{training.Error}");
        Assert.Contains("stopped; the final snapshot is stored", training.Error);
        var final = Assert.Single((await EventsAsync("terminated")).OfType<CheckpointRecorded>());
        Assert.True(final.Frames > 0);
        Assert.Equal(final.Step, (await LatestAsync("terminated")).Step);
    }

    [Fact]
    public async Task Resuming_appends_to_the_runs_scalars_csv_under_its_one_header()
    {
        await TrainBrieflyAsync("short");
        var csv = Path.Combine(RunsDirectory, "short", "scalars.csv");
        var first = await File.ReadAllLinesAsync(csv);
        Assert.True(first.Length >= 2, $"the first run wrote no rows:\n{string.Join('\n', first)}");
        var last = await LatestAsync("short");

        using var resumed = await A3cProcess.RunAsync(_directory,
            "train", "--resume", "short", "--set", $"training.max-frames={last.Frames + 2000}");
        Assert.True(resumed.ExitCode == 0, $"exit code {resumed.ExitCode}:\n{resumed.Output}\n{resumed.Error}");

        var lines = await File.ReadAllLinesAsync(csv);
        Assert.Equal(first, lines.Take(first.Length));
        Assert.True(lines.Length > first.Length, "the resumed run wrote no rows");
        Assert.Single(lines, line => line.StartsWith("elapsed_seconds,", StringComparison.Ordinal));
        var frames = lines.Skip(1).Select(line => long.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(frames.Zip(frames.Skip(1)).All(pair => pair.Second > pair.First), $"frames do not grow: {string.Join(", ", frames)}");
        Assert.True(frames[^1] > last.Frames, $"the resumed rows end at {frames[^1]} frames, the snapshot was at {last.Frames}");
    }

    [Fact]
    public async Task A_run_folder_that_cannot_be_written_exits_with_2_naming_it_before_training_starts()
    {
        // Under a regular file no folder can be made, root or not (chmod does not stop root).
        var unwritable = Path.Combine(ConfigFile, "runs");

        using var train = await A3cProcess.RunAsync(_directory,
            "train", "--config", ConfigFile, "--run", "nowhere", "--set", $"persistence.directory=\"{unwritable}\"");

        Assert.True(train.ExitCode == 2, $"exit code {train.ExitCode}:\n{train.Output}\n{train.Error}");
        Assert.Contains($"the run folder {Path.Combine(unwritable, "nowhere")} cannot be written", train.Error);
        Assert.DoesNotContain(" fps ", train.Output); // no training started
    }

    [Fact]
    public async Task A_run_being_trained_cannot_be_trained_by_a_second_process_until_the_first_is_gone()
    {
        using (var training = A3cProcess.Start(_directory, "train", "--config", ConfigFile, "--run", "live"))
        {
            await WaitForSnapshotsAsync(training, "live", count: 1);
            var holder = $"pid {training.Id} on {Environment.MachineName} since ";

            using var resumed = await A3cProcess.RunAsync(_directory, "train", "--resume", "live");
            Assert.True(resumed.ExitCode == 2, $"exit code {resumed.ExitCode}:\n{resumed.Output}\n{resumed.Error}");
            Assert.Contains($"is in use by {holder}", resumed.Error);
            Assert.Contains(Path.Combine(RunsDirectory, "live", "train.lock"), resumed.Error);

            using var renamed = await A3cProcess.RunAsync(_directory, "train", "--config", ConfigFile, "--run", "live");
            Assert.True(renamed.ExitCode == 2, $"exit code {renamed.ExitCode}:\n{renamed.Output}\n{renamed.Error}");
            Assert.Contains($"is being trained now by {holder}", renamed.Error);

            Assert.False(training.HasExited, $"the first trainer stopped:\n{training.Output}\n{training.Error}");
            training.Kill(); // SIGKILL: the lock file stays, naming a dead process
        }

        Assert.True(File.Exists(Path.Combine(RunsDirectory, "live", "train.lock")));
        var last = await LatestAsync("live");
        using var afterKill = await A3cProcess.RunAsync(_directory,
            "train", "--resume", "live", "--set", $"training.max-frames={last.Frames + 1000}");
        Assert.True(afterKill.ExitCode == 0, $"exit code {afterKill.ExitCode}:\n{afterKill.Output}\n{afterKill.Error}");
    }

    [Fact]
    public async Task A_corrupt_newest_snapshot_is_reported_and_the_run_resumes_from_the_one_before()
    {
        await TrainBrieflyAsync("short");
        var kept = await KeptAsync("short");
        await FlipSnapshotByteAsync("short", kept[^1].SnapshotSequenceNr);

        using var resumed = await A3cProcess.RunAsync(_directory,
            "train", "--resume", "short", "--config", ConfigFile, "--set", $"training.max-frames={kept[^1].Frames + 500}");

        Assert.True(resumed.ExitCode == 0, $"exit code {resumed.ExitCode}:\n{resumed.Output}\n{resumed.Error}");
        Assert.Contains($"skipping snapshot {kept[^1].SnapshotSequenceNr} of run 'short'", resumed.Error);
        Assert.Contains("is damaged: its SHA-256 does not match", resumed.Error);
        Assert.Contains($"resuming from snapshot {kept[^2].Step}:", resumed.Output);
    }

    [Fact]
    public async Task Resuming_a_run_that_does_not_exist_exits_with_2_listing_the_known_runs_and_where_it_looked()
    {
        await TrainBrieflyAsync("short");

        using var resumed = await A3cProcess.RunAsync(_directory, "train", "--resume", "shrot", "--config", ConfigFile);

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains($"Run 'shrot' not found in {RunsDirectory}. Known runs: short.", resumed.Error);
    }

    [Fact]
    public async Task A_config_whose_network_differs_exits_with_2_naming_the_parameter_and_both_shapes()
    {
        await TrainBrieflyAsync("short");

        using var resumed = await A3cProcess.RunAsync(_directory,
            "train", "--resume", "short", "--config", ConfigFile, "--set", "training.hidden=32");

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains("'body.weight' is [64, 4] in the stored weights, [32, 4] in the network", resumed.Error);
    }

    [Fact]
    public async Task Starting_a_new_run_under_a_taken_name_exits_with_2_and_suggests_resuming()
    {
        await TrainBrieflyAsync("short");

        using var again = await A3cProcess.RunAsync(_directory, "train", "--config", ConfigFile, "--run", "short");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--resume short", again.Error);
    }

    [Fact]
    public async Task Asking_for_cuda_on_a_cpu_build_exits_with_2_saying_how_to_get_a_cuda_build()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // a CUDA build on a GPU machine takes the device

        using var train = await A3cProcess.RunAsync(_directory, "train", "--config", ConfigFile, "--device", "cuda");

        Assert.Equal(2, train.ExitCode);
        Assert.Contains("no usable CUDA", train.Error);
        Assert.Contains("-p:TorchDevice=cuda", train.Error);
        Assert.True(!Directory.Exists(RunsDirectory) || Directory.GetFileSystemEntries(RunsDirectory).Length == 0, "no run may be started");

        // The same from the config rather than the command line.
        using var fromConfig = await A3cProcess.RunAsync(_directory, "train", "--config", ConfigFile, "--set", "training.device=\"cuda:0\"");
        Assert.Equal(2, fromConfig.ExitCode);
        Assert.Contains("no usable CUDA", fromConfig.Error);
    }

    [Fact]
    public async Task Train_without_a_config_or_a_run_to_resume_exits_with_2()
    {
        using var train = await A3cProcess.RunAsync(_directory, "train");

        Assert.Equal(2, train.ExitCode);
        Assert.Contains("--config FILE", train.Error);
    }

    [Fact]
    public async Task Checkpoints_list_show_and_export_describe_the_stored_snapshots()
    {
        await TrainBrieflyAsync("short");
        var kept = await KeptAsync("short");
        await FlipSnapshotByteAsync("short", kept[^1].SnapshotSequenceNr);
        var (damaged, whole) = (kept[^1], kept[^2]);

        using var list = await A3cProcess.RunAsync(_directory, "checkpoints", "list", "short", "--directory", RunsDirectory);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("damaged", list.Output);
        Assert.Contains("valid", list.Output);

        using var show = await A3cProcess.RunAsync(_directory,
            "checkpoints", "show", "short", "--step", $"{whole.Step}", "--directory", RunsDirectory);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"step         {whole.Step}", show.Output);
        Assert.Contains("checkpoint-interval = 5", show.Output); // the stored config

        var exported = Path.Combine(_directory, "weights.safetensors");
        using var export = await A3cProcess.RunAsync(_directory,
            "checkpoints", "export", "short", "--step", $"{whole.Step}", "--out", exported, "--directory", RunsDirectory);
        Assert.Equal(0, export.ExitCode);
        LearnerState state;
        await using (var store = await CheckpointStore.OpenAsync(_store, "short", create: false))
            state = await store.Reader.LoadAsync("short", whole);
        Assert.Equal(state.Weights, await File.ReadAllBytesAsync(exported));

        // The corrupt one is refused by name rather than exported.
        using var corrupt = await A3cProcess.RunAsync(_directory,
            "checkpoints", "export", "short", "--step", $"{damaged.Step}", "--out", exported + ".bad", "--directory", RunsDirectory);
        Assert.Equal(2, corrupt.ExitCode);
        Assert.Contains($"(step {damaged.Step}) of run 'short' is damaged", corrupt.Error);
        Assert.False(File.Exists(exported + ".bad"));
    }

    [Theory]
    [InlineData("list", "nope", "Run 'nope' not found")]
    [InlineData("show", "short --step 999999", "has no snapshot 999999")]
    [InlineData("show", "short --step 0", "has no snapshot 0")]
    public async Task Checkpoints_for_a_missing_run_or_step_exit_with_2_saying_what_exists(string verb, string arguments, string expected)
    {
        await TrainBrieflyAsync("short");

        using var command = await A3cProcess.RunAsync(_directory,
            ["checkpoints", verb, .. arguments.Split(' '), "--directory", RunsDirectory]);

        Assert.Equal(2, command.ExitCode);
        Assert.Contains(expected, command.Error);
        Assert.Contains(RunsDirectory, command.Error);
    }

    private async Task TrainBrieflyAsync(string run)
    {
        using var train = await A3cProcess.RunAsync(_directory,
            "train", "--config", ConfigFile, "--run", run, "--set", "training.max-frames=2000");
        Assert.True(train.ExitCode == 0, $"exit code {train.ExitCode}:\n{train.Output}\n{train.Error}");
    }

    /// <summary>Polls the store until the run has <paramref name="count"/> snapshots; fails if the process ends first.</summary>
    private async Task WaitForSnapshotsAsync(A3cProcess training, string run, int count)
    {
        using var hangGuard = new CancellationTokenSource(A3cProcess.HangGuard);
        while (true)
        {
            Assert.False(training.HasExited, $"a3c train exited early:\n{training.Output}\n{training.Error}");
            Assert.False(hangGuard.IsCancellationRequested, $"no {count} snapshots within {A3cProcess.HangGuard}:\n{training.Error}");
            if (await CountSnapshotsAsync(run) >= count) return;
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the first progress line, so training is under way; fails if the process ends first.</summary>
    private static async Task WaitForProgressAsync(A3cProcess training)
    {
        using var hangGuard = new CancellationTokenSource(A3cProcess.HangGuard);
        while (!training.Output.Contains(" fps "))
        {
            Assert.False(training.HasExited, $"a3c train exited early:\n{training.Output}\n{training.Error}");
            Assert.False(hangGuard.IsCancellationRequested, $"no progress within {A3cProcess.HangGuard}:\n{training.Error}");
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<object>> EventsAsync(string run)
    {
        await using var store = await CheckpointStore.OpenAsync(_store, run, create: false);
        return await store.Reader.EventsAsync(run);
    }

    /// <summary>The run's checkpoints not pruned, oldest first.</summary>
    private async Task<IReadOnlyList<CheckpointRecorded>> KeptAsync(string run) => CheckpointHistory.Of(await EventsAsync(run)).Checkpoints;

    private async Task<LearnerState> LatestAsync(string run)
    {
        await using var store = await CheckpointStore.OpenAsync(_store, run, create: false);
        return (await store.Reader.LoadLatestValidAsync(run)).State;
    }

    private SqliteConnection Open(string run) =>
        new(CheckpointPersistenceConfig.SqliteConnection(SqliteCheckpointFile.PathOf(RunsDirectory, run)) + ";Pooling=False");

    /// <summary>Snapshots the run's file holds now, read from the plugin's table while another process writes it; 0 before it exists.</summary>
    private async Task<long> CountSnapshotsAsync(string run)
    {
        if (!File.Exists(SqliteCheckpointFile.PathOf(RunsDirectory, run))) return 0;
        await using var connection = Open(run);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM sqlite_master WHERE name = 'snapshot'";
        if ((long)(await count.ExecuteScalarAsync())! == 0) return 0;
        count.CommandText = $"SELECT count(*) FROM snapshot WHERE persistence_id = '{run}'";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Inverts one byte of a stored snapshot in the plugin's table, as a failing disk would.</summary>
    private async Task FlipSnapshotByteAsync(string run, long snapshotSequenceNr)
    {
        await using var connection = Open(run);
        await connection.OpenAsync();
        var where = $"WHERE persistence_id = '{run}' AND sequence_number = {snapshotSequenceNr}";
        await using var read = connection.CreateCommand();
        read.CommandText = $"SELECT snapshot FROM snapshot {where}";
        var bytes = (byte[])(await read.ExecuteScalarAsync())!;
        bytes[100] ^= 0xFF;
        await using var write = connection.CreateCommand();
        write.CommandText = $"UPDATE snapshot SET snapshot = @bytes {where}";
        write.Parameters.AddWithValue("@bytes", bytes);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }
}
