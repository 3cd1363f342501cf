using System.CommandLine;
using System.Globalization;
using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using A3C.Configuration;
using A3C.Host.Monitoring;
using A3C.LibTorch;

namespace A3C.Host.Commands;

/// <summary>
/// <c>a3c train --config FILE [--set key=value ...] [--device cpu|cuda] [--run NAME]</c>: runs a
/// recipe with every actor in this process. Exit code 0 once the reward bound is reached or the
/// frame budget is spent, 1 if training fails, 2 for a bad command line or config.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The recipe (a HOCON file, e.g. hocon/cartpole-a2c.conf)", Required = true };
        var set = new Option<string[]>("--set")
        {
            Description = "Override one key, e.g. --set training.max-frames=100000 (keys are relative to a3c)",
            AllowMultipleArgumentsPerToken = false,
        };
        var device = new Option<string?>("--device") { Description = "Learner device: cpu, cuda or cuda:N" };
        var run = new Option<string?>("--run") { Description = "Run name (default: the config file's name)" };
        var command = new Command("train", "Train with every actor in this process") { config, set, device, run };
        command.SetAction((result, cancellation) => RunAsync(
            result.GetValue(config)!, result.GetValue(set) ?? [], result.GetValue(device), result.GetValue(run), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, string[] overrides, string? device, string? runName, CancellationToken cancellation)
    {
        TrainingRecipe recipe;
        MonitoringSettings monitoring;
        try
        {
            var config = RecipeLoader.Load(file, overrides, device);
            Torch.IntraOpThreads = config.GetInt("a3c.torch.intra-op-threads");
            recipe = TrainingRecipe.FromConfig(config, runName ?? Path.GetFileNameWithoutExtension(file.Name));
            monitoring = config.Bind<MonitoringSettings>();
            if (!string.IsNullOrEmpty(device)) Torch.RequireDevice(Device.Parse(device));
        }
        catch (Exception e) when (e is ConfigException or FileNotFoundException or FormatException or TorchException)
        {
            Console.Error.WriteLine($"a3c train: {e.Message}");
            return 2;
        }

        Console.WriteLine($"run '{recipe.RunName}': {recipe.Environment.Id}, {recipe.Training.Mode}, " +
            $"{recipe.Training.Workers} workers x {recipe.Environment.EnvsPerWorker} envs, learner on {recipe.Training.Device}");
        try
        {
            var finished = await TrainingSession.RunAsync(recipe, onProgress: Print,
                onSystemStarted: system => RunObservers.AttachAsync(system, monitoring, recipe.RunName, Console.Out).GetAwaiter().GetResult(),
                cancellationToken: cancellation);
            var p = finished.Progress;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"finished: {Describe(finished.Reason)} after {p.Frames:N0} frames, {p.Updates:N0} updates, {p.Episodes:N0} episodes " +
                $"in {p.Elapsed.TotalSeconds:F1} s; mean reward {p.MeanReward:F1}"));
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("a3c train: stopped");
            return 130;
        }
        catch (TrainingFailedException e)
        {
            Console.Error.WriteLine($"a3c train: {e.Message}");
            return 1;
        }
    }

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.RewardBoundReached => "reward bound reached",
        StopReason.FrameBudgetSpent => "frame budget spent",
        _ => reason.ToString(),
    };

    private static void Print(TrainingProgress p) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{p.Elapsed.TotalSeconds,7:F1}s  frames {p.Frames,11:N0}  fps {p.FramesPerSecond,9:N0}  reward {p.MeanReward,7:F1}  " +
        $"episodes {p.Episodes,7:N0}  updates/s {p.UpdatesPerSecond,7:N0}  lag {p.MeanStaleness,5:F2}  " +
        $"skipped {p.SkippedUpdates}  restarts {p.WorkerRestarts}"));
}
