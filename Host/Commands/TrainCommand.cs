using System.CommandLine;
using System.Globalization;
using A3C.Actors.Monitoring;
using A3C.Actors.Persistence;
using Akka.Actor;
using A3C.Actors.Persistence.Checkpoints;
using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Settings;
using A3C.Configuration;
using A3C.Host.Hosting;
using A3C.Host.Monitoring;
using A3C.Host.Terminal;
using A3C.Models.Networks;

namespace A3C.Host.Commands;

/// <summary>
/// <c>a3c train --config FILE [--set key=value ...] [--device cpu|cuda] [--run NAME]</c>: runs a
/// recipe with every actor in this process, checkpointing it to the store <c>a3c.persistence</c>
/// names. <c>a3c train --resume RUN [--config FILE] [--set ...]</c> continues a stored run from its
/// newest valid snapshot; <c>--init-from FILE</c> starts a new run from exported weights (checked
/// against the config's network first). Exit code 0 once the reward bound is reached or the frame budget is spent,
/// 1 if training fails, 2 for a bad command line or config, an unknown run or a snapshot that does
/// not fit the config.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config")
        {
            Description = "The recipe (a HOCON file, e.g. hocon/cartpole-a2c.conf); with --resume, replaces the run's stored config",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override one key, e.g. --set training.max-frames=100000 (keys are relative to a3c)",
            AllowMultipleArgumentsPerToken = false,
        };
        var device = new Option<string?>("--device") { Description = "Learner device: cpu, cuda or cuda:N" };
        var run = new Option<string?>("--run") { Description = "Run name (default: the config file's name and start time, e.g. cartpole-a2c-20261122-042100)" };
        var resume = new Option<string?>("--resume") { Description = "Continue this stored run from its newest valid snapshot" };
        var initFrom = new Option<FileInfo?>("--init-from")
        {
            Description = "Start the new run from these weights (a3c checkpoints export's file, pytorch or safetensors, with its FILE.json beside it)",
        };
        var command = new Command("train", "Train with every actor in this process") { config, set, device, run, resume, initFrom };
        command.SetAction((result, cancellation) => RunAsync(
            result.GetValue(config), result.GetValue(set) ?? [], result.GetValue(device), result.GetValue(run), result.GetValue(resume),
            cancellation, result.GetValue(initFrom)?.FullName));
        return command;
    }

    /// <param name="initFrom">Exported weights a new run starts from; null for fresh weights.</param>
    /// <param name="learnerNode">
    /// Null to train with every actor in this process; otherwise this process is a cluster's
    /// learner node (<c>a3c node --role learner</c>) that worker nodes join.
    /// </param>
    internal static async Task<int> RunAsync(FileInfo? file, string[] overrides, string? device, string? runName, string? resume,
        CancellationToken cancellation, string? initFrom = null, LearnerNodeOptions? learnerNode = null)
    {
        var command = learnerNode is null ? "a3c train" : "a3c node";
        if (file is null && resume is null) return UserError(command, "give --config FILE to start a run, or --resume RUN to continue one");
        if (resume is not null && runName is not null && runName != resume) return UserError(command, "--run names a new run; --resume continues one: give only one");
        if (resume is not null && initFrom is not null)
            return UserError(command, "--resume continues a run with its own weights; --init-from starts a new one from exported weights: give only one");
        TrainingRecipe recipe;
        Config config;
        MonitoringSettings monitoring;
        HeldRun? held = null;
        Task<ActorSystemHost>? starting = null;
        ActorSystemHost actors;
        try
        {
            config = RecipeLoader.Load(file, overrides, device);
            learnerNode = learnerNode?.WithConfig(config);
            var persistence = config.Bind<PersistenceSettings>();
            var name = resume ?? runName ?? DefaultRunName(file!);
            RunName.Validate(name);
            monitoring = config.Bind<MonitoringSettings>();
            if (resume is not null)
            {
                // A run being resumed is held before its checkpoints are read: another process may be writing them.
                held = await HeldRun.TakeAsync(persistence.ToOptions(), resume, existing: true, cancellation);
                recipe = await RunRecipes.ResumeAsync(persistence.ToOptions(), persistence, resume, file is null ? null : config, overrides, device,
                    skipped => Console.Error.WriteLine($"{command}: skipping {skipped}"), cancellation);
            }
            else
            {
                recipe = TrainingRecipe.FromConfig(config, name);
            }
            if (learnerNode is not null) recipe = recipe with { LocalWorkers = learnerNode.LocalWorkers };
            // The actor system starts while libtorch loads and the store opens: start-up is time a user waits.
            starting = StartActorSystem(config, persistence, recipe, learnerNode);
            TorchRuntime.IntraOpThreads = config.GetInt("a3c.torch.intra-op-threads");
            if (initFrom is not null)
            {
                var initial = InitialWeights.Read(initFrom);
                initial.EnsureFits(recipe);
                recipe = recipe with { InitFrom = initial };
            }
            // Whether from --device, the config or a resumed run's stored config: refused here, not in the learner.
            TorchRuntime.Require(recipe.Training.Device);
            // One writer per run, and a store that can be written: both known before any actor starts.
            held ??= await HeldRun.TakeAsync(persistence.ToOptions(), recipe.RunName, existing: false, cancellation);
            actors = await starting;
        }
        catch (Exception e) when (e is ConfigException or FileNotFoundException or FormatException or LibTorchUnavailableException
                                       or PersistenceException or IncompatibleCheckpointException or ArgumentException
                                       or Akka.Configuration.ConfigurationException)
        {
            await StopAsync(starting);
            if (held is not null) await held.DisposeAsync();
            return UserError(command, starting is { IsFaulted: true }
                ? $"cannot start the actor system with the config's akka section: {e.Message}"
                : e.Message);
        }

        // Released last, once the final snapshot is stored.
        await using var _ = held;
        // Stopped once the run is over: a signal has run its coordinated shutdown already, a finished run's comes here.
        await using var stoppedAtTheEnd = actors;
        Console.WriteLine($"run '{recipe.RunName}': {recipe.Environment.Id}, {recipe.Training.Mode}, " +
            $"{recipe.LocalWorkers ?? recipe.Training.Workers} workers x {recipe.Environment.EnvsPerWorker} envs in this process, learner on {recipe.Training.Device}");
        if (recipe.ResumeFrom is { } from)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resuming from snapshot {from.SequenceNr}: " +
                $"{from.Counters.Updates:N0} updates, {from.Counters.Frames:N0} frames, {from.Counters.Episodes:N0} episodes"));
        if (recipe.InitFrom is { } initialWeights)
            Console.WriteLine($"starting from the weights in {initialWeights.Source} (snapshot {initialWeights.Sidecar.Step} of run " +
                              $"'{initialWeights.Sidecar.Run}', {initialWeights.Sidecar.Environment}), with a fresh optimizer");
        // Disposed after the run (at the latest here, on the way out): waits until the final snapshot is stored.
        await using var checkpoints = new LearnerCheckpoints(actors.System, recipe, held.Holder, problem => Console.Error.WriteLine($"{command}: {problem}"));
        // A failed scalar write is told once, as it happens, and again in the exit's account of what was lost.
        string? scalarsLost = null;
        void ScalarsFailed(string lost)
        {
            Volatile.Write(ref scalarsLost, lost);
            Console.Error.WriteLine($"{command}: {lost}; training goes on without them");
        }
        try
        {
            await using var node = learnerNode is null ? null : LearnerNodeAttachment.Start(actors.System, recipe, Console.Out);
            // Ctrl+C and SIGTERM go through the system's coordinated shutdown: the run stops in its
            // service-stop phase, once the learner has handed over its final checkpoint.
            await using var stopping = cancellation.Register(() => CoordinatedShutdown.Get(actors.System).Run(new StopRequested()));
            await using var observers = await RunObservers.AttachAsync(actors.System, monitoring, recipe.RunName, Console.Out, ScalarsFailed);
            TrainingFinished finished;
            // In a terminal, a live bar; elsewhere (a pipe, a file, TERM=dumb, CI) one plain line per progress record.
            var terminal = TerminalEnvironment.Current();
            var live = terminal.Live
                ? await LiveProgress.StartAsync(terminal.CreateConsole(Console.Out), recipe.Training.MaxFrames, recipe.Training.RewardBound, captureConsole: true)
                : null;
            try
            {
                await using (EventStreamListener.Start<TrainingProgress>(actors.System, live is null ? Print : live.Report))
                    finished = await TrainingSession.RunAsync(actors.System, recipe, checkpoints);
            }
            finally
            {
                if (live is not null) await live.DisposeAsync();
            }
            var p = finished.Progress;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"finished: {Describe(finished.Reason)} after {p.Frames:N0} frames, {p.Updates:N0} updates, {p.Episodes:N0} episodes " +
                $"in {p.Elapsed.TotalSeconds:F1} s; mean reward {p.MeanReward:F1}"));
            if (p.Inference is { } batching)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"central inference: {batching.Batches:N0} forward passes, {batching.RequestsPerBatch:F2} requests and {batching.ObservationsPerBatch:F1} observations each"));
            await checkpoints.DisposeAsync();
            return Outcome(command, "finished", checkpoints, Volatile.Read(ref scalarsLost));
        }
        catch (OperationCanceledException)
        {
            // Asked to stop (Ctrl+C or SIGTERM): a clean end, not a failure, once the final snapshot
            // is stored on the way out.
            await checkpoints.DisposeAsync();
            var lost = Outcome(command, "stopped", checkpoints, Volatile.Read(ref scalarsLost));
            if (lost == 0) Console.Error.WriteLine($"{command}: stopped; the final snapshot is stored");
            return lost;
        }
        catch (TrainingFailedException e)
        {
            Console.Error.WriteLine($"{command}: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// 0 when the run's record is whole; otherwise 1, with a last line that says what was lost (a
    /// full disk, say): the final snapshot, the scalars from some frame on.
    /// </summary>
    /// <summary>Why the actor system shuts down when the user stops the run (Ctrl+C or SIGTERM).</summary>
    private sealed class StopRequested : CoordinatedShutdown.Reason
    {
        // A requested stop is a clean end; the command's own exit code says whether anything was lost.
        public override int ExitCode => 0;
    }

    private static int Outcome(string command, string ending, LearnerCheckpoints checkpoints, string? scalarsLost)
    {
        var finalLost = checkpoints.FinalSnapshotStored == false;
        if (!finalLost && scalarsLost is null) return 0;
        var final = checkpoints.FinalStep is not { } step ? "no final snapshot was taken"
            : finalLost ? string.Create(CultureInfo.InvariantCulture, $"the final snapshot (step {step}) was not stored; a resume starts from the last one that was")
            : string.Create(CultureInfo.InvariantCulture, $"the final snapshot (step {step}) is stored");
        Console.Error.WriteLine($"{command}: {ending}; {final}{(scalarsLost is null ? "" : "; " + scalarsLost)}");
        return 1;
    }

    /// <summary>
    /// The run's actor system, on a thread of its own: it carries the run's checkpoints (its journal
    /// and snapshot store on the run's database), and its actor metrics are labelled with the run.
    /// </summary>
    private static Task<ActorSystemHost> StartActorSystem(Config config, PersistenceSettings persistence, TrainingRecipe recipe,
        LearnerNodeOptions? learnerNode)
    {
        var checkpointStore = CheckpointStore.ConfigFor(persistence.ToOptions(), recipe.RunName);
        var labels = new ActorMetricsLabels(recipe.RunName, recipe.Environment.Id, SettingsReader.ConfigName(recipe.Training.Mode));
        return Task.Run(() => ActorSystemHost.StartAsync(config, checkpointStore, labels, configure: learnerNode is null ? null : learnerNode.Configure));
    }

    /// <summary>Stops an actor system that was starting when the command found it cannot train.</summary>
    private static async Task StopAsync(Task<ActorSystemHost>? starting)
    {
        if (starting is null) return;
        try
        {
            await (await starting).DisposeAsync();
        }
        catch (Exception) when (starting.IsFaulted)
        {
            // It never started: the caller reports why.
        }
    }

    internal static int UserError(string command, string message)
    {
        Console.Error.WriteLine($"{command}: {message}");
        return 2;
    }

    /// <summary>
    /// The recipe's name with the start time, so running the same recipe again starts a new run
    /// instead of colliding with the last one (continue a run with --resume).
    /// </summary>
    private static string DefaultRunName(FileInfo file) =>
        $"{Path.GetFileNameWithoutExtension(file.Name)}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.RewardBoundReached => "reward bound reached",
        StopReason.FrameBudgetSpent => "frame budget spent",
        _ => reason.ToString(),
    };

    internal static void Print(TrainingProgress p) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{p.Elapsed.TotalSeconds,7:F1}s  frames {p.Frames,11:N0}  fps {p.FramesPerSecond,9:N0}  reward {p.MeanReward,7:F1}  " +
        $"episodes {p.Episodes,7:N0}  updates {p.Updates,7:N0} ({p.UpdatesPerSecond:N1}/s)  lag {p.MeanStaleness,5:F2}  " +
        $"skipped {p.SkippedUpdates}  restarts {p.WorkerRestarts}"));
}
