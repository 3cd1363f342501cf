using System.CommandLine;
using System.Globalization;
using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
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
        var command = new Command("list", "One line per checkpoint, newest first, each snapshot verified against its checksum") { run };
        command.SetAction((result, cancellation) => storeOptions.WithStoreAsync(result, "a3c checkpoints list", result.GetValue(run)!, async store =>
        {
            var checkpoints = await store.Reader.ListAsync(result.GetValue(run)!, verify: true, cancellation);
            var table = new FittedTable()
                .Column("step", FitColumn.Number).Column("time (UTC)", FitColumn.Wrapped).Column("frames", FitColumn.Number)
                .Column("episodes", FitColumn.Number).Column("reward", FitColumn.Number).Column("size", FitColumn.Number)
                .Column("checksum", FitColumn.Text);
            foreach (var c in checkpoints)
            {
                var r = c.Recorded;
                // The step is the update count, so it stands for both.
                table.Row((Number(r.Step), null), (Time(r.Timestamp), null), (Number(r.Frames), null), (Number(r.Episodes), null),
                    (Reward(r.MeanReward) + (c.IsBest ? "*" : ""), null), (Size(r.SizeBytes), null),
                    c.IsValid ? ("valid", new Style(Color.Green)) : ("damaged", new Style(Color.Red)));
            }
            var console = TerminalEnvironment.Current().CreateConsole(Console.Out);
            console.Write(table.Build(console.Profile.Width));
            if (checkpoints.FirstOrDefault(c => c.IsBest) is { } best)
                Console.WriteLine($"* the best mean reward: snapshot {best.Recorded.Step} ({Reward(best.Recorded.MeanReward)}), kept by pruning and taken by eval and export");
            // Problems are spelled out below the table, where a long detail does not squeeze the columns.
            foreach (var c in checkpoints.Where(c => !c.IsValid))
                Console.WriteLine($"snapshot {c.Recorded.Step}: {c.Problem}");
            return 0;
        }, cancellation));
        return command;
    }

    private static Command Show(StoreOptions storeOptions)
    {
        var run = RunArgument();
        var step = StepOption();
        var command = new Command("show", "Counters, metadata and the config of one snapshot (default: the newest valid one)") { run, step };
        command.SetAction((result, cancellation) => storeOptions.WithStoreAsync(result, "a3c checkpoints show", result.GetValue(run)!, async store =>
        {
            var chosen = await LoadAsync(store, result.GetValue(run)!, result.GetValue(step), cancellation);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                run          {result.GetValue(run)}
                step         {chosen.Step}
                time         {Time(chosen.Timestamp)} UTC
                updates      {chosen.Step:N0}
                frames       {chosen.Frames:N0}
                episodes     {chosen.Episodes:N0}
                mode         {chosen.Mode}
                environment  {chosen.Environment}
                mean reward  {(chosen.MeanReward is { } reward ? reward.ToString("F1", CultureInfo.InvariantCulture) : "none yet")}
                state        weights.safetensors ({Size(chosen.Weights.Length)}), optimizer ({Size(chosen.Optimizer.Length)})

                config:
                {chosen.Config}
                """));
            return 0;
        }, cancellation));
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
        command.SetAction((result, cancellation) => storeOptions.WithStoreAsync(result, "a3c checkpoints export", result.GetValue(run)!, async store =>
        {
            using var policy = await StoreOptions.LoadPolicyAsync(store, "a3c checkpoints export", result.GetValue(run)!, result.GetValue(step), cancellation);
            var file = result.GetValue(output)!;
            var sidecar = policy.Export(result.GetValue(format), file.FullName);
            Console.WriteLine($"wrote the {policy.Network.Describe().Kind} of snapshot {policy.Point.SequenceNr} of run '{policy.Point.Run}' " +
                              $"({WeightsFile.Name(result.GetValue(format))}, {Size(new FileInfo(file.FullName).Length)}) to {file.FullName}, and its sidecar to {sidecar}");
            return 0;
        }, cancellation));
        return command;
    }

    private static Argument<string> RunArgument() => new("run") { Description = "The run's name" };

    private static Option<long?> StepOption() => new("--step") { Description = "The snapshot's step (default: the newest valid one)" };

    /// <summary>A given step is loaded verified; otherwise the newest valid one, each newer damaged one reported.</summary>
    private static async Task<LearnerState> LoadAsync(CheckpointStore store, string run, long? step, CancellationToken cancellation)
    {
        if (step is { } asked)
        {
            return await store.Reader.LoadAsync(run, await store.Reader.AtStepAsync(run, asked, cancellation), cancellation);
        }
        var (_, state) = await store.Reader.LoadLatestValidAsync(run,
            problem => Console.Error.WriteLine($"a3c checkpoints: skipping {problem}"), cancellation);
        return state;
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
