using System.CommandLine;
using System.Globalization;
using A3C.Actors.Persistence;
using A3C.Actors.Training;
using A3C.Actors.Training.Settings;
using A3C.Configuration;
using Spectre.Console;

namespace A3C.Host.Commands;

/// <summary>
/// <c>a3c checkpoints list|show|export RUN</c>: looks into a run's stored snapshots. The store is
/// the one <c>a3c.persistence</c> in the reference config names, unless <c>--provider</c>,
/// <c>--directory</c> or <c>--connection-string</c> say otherwise. Exit code 2 for an unknown run or
/// step, or a snapshot that fails verification when asked for by step.
/// </summary>
public static class CheckpointsCommand
{
    /// <summary>The options that choose the store; every subcommand takes them.</summary>
    private sealed record StoreOptions(Option<PersistenceProvider?> Provider, Option<string?> Directory, Option<string?> ConnectionString)
    {
        public static StoreOptions Create() => new(
            new Option<PersistenceProvider?>("--provider") { Description = "sqlite or postgres (default: a3c.persistence.provider)", Recursive = true },
            new Option<string?>("--directory") { Description = "The runs directory of the sqlite store (default: a3c.persistence.directory)", Recursive = true },
            new Option<string?>("--connection-string")
            {
                Description = "The postgres connection string (default: a3c.persistence.connection-string or $A3C_POSTGRES)", Recursive = true,
            });

        /// <summary>What the command line gives, the reference config's <c>a3c.persistence</c> for the rest.</summary>
        public PersistenceOptions Read(ParseResult result)
        {
            var defaults = RecipeLoader.Load(null, [], null).Bind<PersistenceSettings>().ToOptions();
            return defaults with
            {
                Provider = result.GetValue(Provider) ?? defaults.Provider,
                Directory = result.GetValue(Directory) ?? defaults.Directory,
                ConnectionString = result.GetValue(ConnectionString) ?? defaults.ConnectionString,
            };
        }
    }

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
        command.SetAction((result, cancellation) => WithStore(storeOptions, result, "list", async store =>
        {
            var snapshots = await store.Snapshots.ListAsync(result.GetValue(run)!, verify: true, cancellation);
            var table = new Table().AddColumns(
                Numeric("step"), new TableColumn("time (UTC)").NoWrap(), Numeric("frames"), Numeric("episodes"),
                Numeric("size"), new TableColumn("checksum"));
            foreach (var s in snapshots)
            {
                // The step is the update count, so it stands for both.
                table.AddRow(Number(s.SequenceNr), Time(s.Timestamp), Number(s.Counters.Frames),
                    Number(s.Counters.Episodes), Size(s.SizeBytes), s.Status == SnapshotStatus.Valid ? "[green]valid[/]" : $"[red]{s.Status}[/]");
            }
            AnsiConsole.Write(table);
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
        command.SetAction((result, cancellation) => WithStore(storeOptions, result, "show", async store =>
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
        var step = StepOption();
        var output = new Option<FileInfo>("--out") { Description = "The file to write", Required = true };
        var command = new Command("export",
            "Write one snapshot's network weights, as a safetensors file under PyTorch's parameter names, " +
            "to a file (default: the newest valid snapshot)") { run, step, output };
        command.SetAction((result, cancellation) => WithStore(storeOptions, result, "export", async store =>
        {
            var point = ResumePoint.From(await LoadAsync(store, result.GetValue(run)!, result.GetValue(step), cancellation));
            var file = result.GetValue(output)!;
            await File.WriteAllBytesAsync(file.FullName, point.Weights, cancellation);
            Console.WriteLine($"wrote snapshot {point.SequenceNr} of run '{point.Run}' ({Size(point.Weights.Length)}) to {file.FullName}");
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

    /// <summary>Opens the store the options name and runs <paramref name="action"/>; store and user errors exit with 2.</summary>
    private static async Task<int> WithStore(StoreOptions options, ParseResult result, string verb, Func<ICheckpointStore, Task<int>> action)
    {
        try
        {
            await using var store = CheckpointStores.Open(options.Read(result));
            return await action(store);
        }
        catch (Exception e) when (e is PersistenceException or ConfigException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"a3c checkpoints {verb}: {e.Message}");
            return 2;
        }
    }

    private static TableColumn Numeric(string header) => new TableColumn(header).RightAligned().NoWrap();

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MiB"),
    };
}
