using System.Diagnostics;
using System.Globalization;
using A3C.Actors.Persistence.Checkpoints;
using A3C.Actors.Training;
using A3C.Configuration;
using A3C.Models.Networks;
using static TorchSharp.torch;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using Akka.Actor;
using ConfigurationFactory = Akka.Configuration.ConfigurationFactory;

namespace A3C.Bench.Checkpointing;

/// <summary>
/// What one periodic checkpoint of a CartPole learner costs, through the learner's own path
/// (<see cref="LearnerCheckpoints"/>: serialize weights and Adam state, tell them to the run's
/// <see cref="CheckpointKeeper"/>; in the background Akka.Persistence stores the snapshot in SQLite,
/// journals it and prunes to the recipe's keep), at a steady pace like training's. Prints the learner thread's time per snapshot and the whole process's CPU per
/// snapshot, against the budget the 2% goal leaves at CartPole's snapshot rate.
/// Usage: dotnet run -c Release --project bench/Checkpointing [-- --snapshots N] [--per-second R] [--rounds K]
/// </summary>
public static class Program
{
    private const string Run = "bench";

    public static async Task<int> Main(string[] args)
    {
        var snapshots = int.Parse(Option(args, "--snapshots") ?? "700", CultureInfo.InvariantCulture);
        var perSecond = double.Parse(Option(args, "--per-second") ?? "70", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        var directory = Path.Combine(Path.GetTempPath(), "a3c-checkpoint-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var config = ConfigFactory.ParseFile(Path.Combine(RepositoryRoot(), "hocon", "cartpole-a2c.conf"))
                .WithFallback(ConfigFactory.LoadReference())
                .WithOverrides(["a3c.persistence.checkpoint-interval = 1", "a3c.persistence.checkpoint-min-period = 0", $"a3c.persistence.directory = \"{directory}\""]);
            var recipe = TrainingRecipe.FromConfig(config, Run);
            var (observations, actions, _) = recipe.Spaces();
            using var net = ActorCriticFactory.Create(observations, actions, recipe.Training.Hidden, seed: 1);
            using var optimizer = new GradientStep(net, recipe.Training.Optimizer, recipe.Training.LearningRate, recipe.Training.AdamEps);
            TakeOneStep(net, optimizer, observations.Shape[0]);
            var progress = new ProgressTracker(100, recipe.Training.LearningRate);
            var serializeMicroseconds = MeasureSerialize(net, optimizer, out var stateBytes);

            var options = recipe.Persistence.ToOptions();
            await CheckpointStore.PrepareAsync(options, Run, create: true);
            var problems = 0;
            var version = 0L;

            Console.WriteLine($"CartPole A2C checkpoint: a {stateBytes:N0}-byte state ({recipe.Training.Hidden} hidden, Adam) and " +
                              $"{recipe.ConfigText.Length:N0} characters of config, keep {recipe.Persistence.Keep}; " +
                              $"{snapshots} snapshots at {perSecond}/s per round; {Environment.ProcessorCount} cores");
            Console.WriteLine($"serializing the state: {serializeMicroseconds:F0} us");
            Console.WriteLine($"{"round",5} {"idle CPU us/tick",17} {"checkpoint CPU us/tick",23} {"difference us",14} {"learner us",11} {"stored",7}");
            var differences = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                // One actor system per round, as a training process has: the journal, snapshot store and keeper in it.
                var system = ActorSystem.Create("a3c", Quiet.WithFallback(CheckpointStore.ConfigFor(options, Run)));
                try
                {
                    var reader = new CheckpointReader(system, Run);
                    // Warm-up outside the figures: plugin start, table creation, first connections, first calls.
                    await using (var warm = new LearnerCheckpoints(system, recipe, "bench", _ => Interlocked.Increment(ref problems), name: "warm-up"))
                    {
                        for (var i = 0; i < 20; i++) warm.Updated(++version, net, optimizer, progress);
                    }
                    // The pacing loop alone costs CPU too (timer, thread-pool wake-ups): measured beside, subtracted.
                    var idle = await PacedAsync(snapshots, perSecond, () => { }, () => ValueTask.CompletedTask);
                    var before = await CountStoredAsync(reader);
                    var checkpoints = new LearnerCheckpoints(system, recipe, "bench", _ => Interlocked.Increment(ref problems));
                    // Disposing waits until the keeper has stored what it holds, so the background work is counted.
                    var busy = await PacedAsync(snapshots, perSecond, () => checkpoints.Updated(++version, net, optimizer, progress), checkpoints.DisposeAsync);
                    var stored = await CountStoredAsync(reader) - before;
                    var difference = busy.CpuMicroseconds - idle.CpuMicroseconds;
                    differences.Add(difference);
                    Console.WriteLine($"{round,5} {idle.CpuMicroseconds,17:F0} {busy.CpuMicroseconds,23:F0} {difference,14:F0} {busy.TickMicroseconds,11:F0} {stored,7}");
                }
                finally
                {
                    await system.Terminate();
                }
            }

            var median = differences.Order().ElementAt(differences.Count / 2);
            // The goal: under 2% of the machine's CPU at this rate.
            var budget = 0.02 * Environment.ProcessorCount * 1e6 / perSecond;
            Console.WriteLine($"checkpoint CPU per snapshot (median difference): {median:F0} us = " +
                              $"{median * perSecond / 1e4 / Environment.ProcessorCount:F2}% of {Environment.ProcessorCount} cores at {perSecond}/s " +
                              $"(2% budget {budget:F0} us); {problems} problems");
            // What the shipped settings take: checkpoint-min-period = 1s allows one periodic checkpoint a second.
            Console.WriteLine($"at the default interval (at most one periodic checkpoint a second): " +
                              $"{median / 1e4 / Environment.ProcessorCount:F3}% of {Environment.ProcessorCount} cores (goal: under 2%)");
            return 0;
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record PacedCost(double CpuMicroseconds, double TickMicroseconds);

    // Calls onTick at a steady rate, then finish; CPU of the whole process over both, per tick.
    private static async Task<PacedCost> PacedAsync(int ticks, double perSecond, Action onTick, Func<ValueTask> finish)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / perSecond));
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        long onTickTicks = 0;
        for (var i = 0; i < ticks; i++)
        {
            await pace.WaitForNextTickAsync();
            var started = Stopwatch.GetTimestamp();
            onTick();
            onTickTicks += Stopwatch.GetTimestamp() - started;
        }

        await finish();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        return new PacedCost(cpu.TotalMicroseconds / ticks, onTickTicks * 1e6 / Stopwatch.Frequency / ticks);
    }

    private static readonly Akka.Configuration.Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING, akka.stdout-loglevel = WARNING");

    private static async Task<int> CountStoredAsync(CheckpointReader reader) =>
        (await reader.EventsAsync(Run)).OfType<CheckpointRecorded>().Count();

    private static double MeasureSerialize(ActorCritic net, GradientStep optimizer, out int stateBytes)
    {
        const int Repeats = 2000;
        stateBytes = NetworkState.SaveWeights(net).Length + optimizer.SaveState().Length;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Repeats; i++)
        {
            NetworkState.SaveWeights(net);
            optimizer.SaveState();
        }
        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / Repeats;
    }

    // A snapshot after one real step, so the optimizer's state is what training's holds.
    private static void TakeOneStep(ActorCritic net, GradientStep optimizer, long observationSize)
    {
        var gradient = Enumerable.Range(0, (int)net.ParameterCount).Select(i => (i % 7 - 3) / 100f).ToArray();
        optimizer.Apply(gradient, inParameters: false, maxNorm: 0.5);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Akka.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("Run from inside the repository: Akka.sln was not found above " + AppContext.BaseDirectory);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
