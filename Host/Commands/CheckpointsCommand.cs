using System.CommandLine;
using System.Globalization;
using A3C.Actors.Persistence;
using A3C.Actors.Training;
using A3C.Actors.Training.Settings;
using A3C.Host.Terminal;
using A3C.Models.Networks;
using Spectre.Console;

namespace A3C.Host.Commands;

/// <summary>
/// <c>a3c checkpoints list|show|export RUN</c>: looks into a run's stored snapshots. The store is
/// the one <c>a3c.persistence</c> in the reference config names, unless <c>--provider</c>,
/// <c>--directory</c> or <c>--connection-string</c> say otherwise. <c>list</c> marks the snapshot
/// with the best mean reward, which pruning keeps and <c>export</c> takes unless given a step.
/// Exit code 2 for an unknown run or step, or a snapshot that fails verification when asked for by step.
/// </summary>
public static class CheckpointsCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Create();
        return new Command("checkpoints", "List, inspect and export the snapshots of a stored run")
        {
            store.Provider, store.Directory, store.ConnectionString, List(store), Show(store), Export(store),
        };
    }

    private static Command List(StoreOptions storeOptions)
    {
        var run = RunArgument();
        var command = new Command("list", "One line per snapshot, newest first, each verified against its checksum") { run };
        command.SetAction((result, cancellation) => storeOptions.WithStoreAsync(result, "a3c checkpoints list", async store =>
        {
            var snapshots = await store.Snapshots.ListAsync(result.GetValue(run)!, verify: true, cancellation);
            var table = new FittedTable()
                .Column("step", FitColumn.Number).Column("time (UTC)", FitColumn.Wrapped).Column("frames", FitColumn.Number)
                .Column("episodes", FitColumn.Number).Column("reward", FitColumn.Number).Column("size", FitColumn.Number)
                .Column("checksum", FitColumn.Text);
            foreach (var s in snapshots)
            {
                // The step is the update count, so it stands for both.
                table.Row((Number(s.SequenceNr), null), (Time(s.Timestamp), null), (Number(s.Counters.Frames), null), (Number(s.Counters.Episodes), null),
                    (Reward(s.MeanReward) + (s.IsBest ? "*" : ""), null), (Size(s.SizeBytes), null),
                    s.Status == SnapshotStatus.Valid ? ("valid", new Style(Color.Green)) : (s.Status.ToString(), new Style(Color.Red)));
            }
            var console = TerminalEnvironment.Current().CreateConsole(Console.Out);
            console.Write(table.Build(console.Profile.Width));
            if (snapshots.FirstOrDefault(s => s.IsBest) is { } best)
                Console.WriteLine($"* the best mean reward: snapshot {best.SequenceNr} ({Reward(best.MeanReward)}), kept by pruning and taken by eval and export");
            // Problems are spelled out below the table, where a long detail does not squeeze the columns.
            foreach (var s in snapshots.Where(s => s.Status != SnapshotStatus.Valid))
                Console.WriteLine($"snapshot {s.SequenceNr}: {s.Status}: {s.Problem}");
            return 0;
        }));
        return command;
    }

    private static Command Show(StoreOptions storeOptions)
    {
        var run = RunArgument();
        var step = StepOption();
        var command = new Command("show", "Counters, metadata and the config of one snapshot (default: the newest valid one)") { run, step };
        command.SetAction((result, cancellation) => storeOptions.WithStoreAsync(result, "a3c checkpoints show", async store =>
        {
            var snapshot = await LoadAsync(store, result.GetValue(run)!, result.GetValue(step), cancellation);
            var metadata = CheckpointMetadata.Parse(snapshot);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                run          {snapshot.Run}
                step         {snapshot.SequenceNr}
                time         {Time(snapshot.Timestamp)} UTC
                updates      {snapshot.Counters.Updates:N0}
                frames       {snapshot.Counters.Frames:N0}
                episodes     {snapshot.Counters.Episodes:N0}
                mode         {metadata.Mode}
                environment  {metadata.Environment}
                mean reward  {(metadata.MeanReward is { } reward ? reward.ToString("F1", CultureInfo.InvariantCulture) : "none yet")}
                blobs        {string.Join(", ", snapshot.Blobs.Select(b => $"{b.Key} ({Size(b.Value.Length)})"))}

                config:
                {metadata.Config}
                """));
            return 0;
        }));
        return command;
    }

    private static Command Export(StoreOptions storeOptions)
    {
        var run = RunArgument();
        var step = new Option<long?>("--step") { Description = "The snapshot's step (default: the valid one with the best mean reward)" };
        var format = new Option<WeightsFormat>("--format")
        {
            Description = "pytorch (torch.save's format, for torch.load) or safetensors (the stored file as it is)",
            DefaultValueFactory = _ => WeightsFormat.Safetensors,
        };
        var output = new Option<FileInfo>("--out") { Description = "The weights file to write; its sidecar FILE.json is written beside it", Required = true };
        var command = new Command("export",
            "Write one snapshot's policy network as a PyTorch state_dict (parameter names as in PyTorch: body.weight, conv.0.weight, ...), " +
            "with a JSON sidecar that says how to rebuild the module (default: the valid snapshot with the best mean reward)") { run, step, format, output };
        command.SetAction((result, cancellation) => storeOptions.WithStoreAsync(result, "a3c checkpoints export", async store =>
        {
            using var policy = await StoreOptions.LoadPolicyAsync(store, "a3c checkpoints export", result.GetValue(run)!, result.GetValue(step), cancellation);
            var file = result.GetValue(output)!;
            var sidecar = policy.Export(result.GetValue(format), file.FullName);
            Console.WriteLine($"wrote the {policy.Network.Describe().Kind} of snapshot {policy.Point.SequenceNr} of run '{policy.Point.Run}' " +
                              $"({WeightsFile.Name(result.GetValue(format))}, {Size(new FileInfo(file.FullName).Length)}) to {file.FullName}, and its sidecar to {sidecar}");
            return 0;
        }));
        return command;
    }

    private static Argument<string> RunArgument() => new("run") { Description = "The run's name" };

    private static Option<long?> StepOption() => new("--step") { Description = "The snapshot's step (default: the newest valid one)" };

    /// <summary>A given step is loaded verified; otherwise the newest valid one, each newer bad one reported.</summary>
    private static async Task<Snapshot> LoadAsync(ICheckpointStore store, string run, long? step, CancellationToken cancellation)
    {
        if (step is { } sequenceNr) return await store.Snapshots.LoadAsync(run, sequenceNr, cancellation);
        var loaded = await store.Snapshots.LoadLatestValidAsync(run,
            problem => Console.Error.WriteLine($"a3c checkpoints: skipping {problem}"), cancellation);
        return loaded.Snapshot ?? throw new PersistenceException($"run '{run}' in {store.Location} has no valid snapshot.");
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Reward(double? meanReward) => meanReward?.ToString("F1", CultureInfo.InvariantCulture) ?? "-";

    private static string Time(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MiB"),
    };
}
