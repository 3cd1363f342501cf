using System.CommandLine;
using A3C.Actors.Training;
using A3C.Actors.Training.Cluster;
using A3C.Configuration;
using A3C.Host.Hosting;
using A3C.Host.Monitoring;
using A3C.Models.Networks;

namespace A3C.Host.Commands;

/// <summary>
/// <c>a3c node --role learner --config FILE [--resume RUN]</c> starts a cluster's learner node: the
/// run as <c>a3c train</c> runs it (checkpoints, resume, exit codes), listening on
/// <c>a3c.remote</c> for worker nodes. <c>a3c node --role worker --seed HOST:PORT --config FILE</c>
/// starts a worker node that joins it and runs <c>training.workers</c> rollout workers until
/// stopped (Ctrl+C or SIGTERM, exit code 0), joining again whenever the learner is lost. The nodes form
/// an Akka.Cluster (system <c>a3c</c>, roles <c>learner</c> and <c>worker</c>). Exit code 2 for a bad
/// command line or config, or a worker whose recipe does not fit the learner's.
/// </summary>
public static class NodeCommand
{
    private const string Name = "a3c node";

    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "learner (the seed, owns the learner) or worker (joins a seed)", Required = true };
        role.AcceptOnlyFromAmong(ClusterRoles.Learner, ClusterRoles.Worker);
        var config = new Option<FileInfo?>("--config") { Description = "The recipe (a HOCON file); every node of a cluster uses the same one" };
        var set = new Option<string[]>("--set") { Description = "Override one key, e.g. --set remote.host=0.0.0.0", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<string?>("--seed") { Description = "worker: the learner node's HOST:PORT" };
        var port = new Option<int?>("--port") { Description = "Port to listen on (learner: default remote.port, 2552; worker: default any free port)" };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value and (< 0 or > 65535))
                result.AddError($"--port {value} is not a TCP port: expected 0 (any free port) to 65535");
        });
        var device = new Option<string?>("--device") { Description = "learner: cpu, cuda or cuda:N" };
        var run = new Option<string?>("--run") { Description = "learner: the run name (default: the config file's name and start time)" };
        var resume = new Option<string?>("--resume") { Description = "learner: continue this stored run from its newest valid snapshot" };
        var localWorkers = new Option<int>("--local-workers")
        {
            Description = "learner: rollout workers to run in the learner's own process besides the worker nodes' (default 0)",
        };
        var command = new Command("node", "Run a cluster node: the learner, or a worker that joins it")
        {
            role, config, set, seed, port, device, run, resume, localWorkers,
        };
        command.SetAction((result, cancellation) =>
        {
            var overrides = result.GetValue(set) ?? [];
            if (result.GetValue(role) == ClusterRoles.Worker)
            {
                foreach (var learnerOnly in new Option[] { device, run, resume, localWorkers })
                    if (result.GetResult(learnerOnly) is { Implicit: false }) return Task.FromResult(TrainCommand.UserError(Name, $"{learnerOnly.Name} is for --role learner"));
                return RunWorkerAsync(result.GetValue(config), overrides, result.GetValue(seed), result.GetValue(port), cancellation);
            }
            if (result.GetValue(seed) is not null) return Task.FromResult(TrainCommand.UserError(Name, "--seed is for --role worker: the learner node is the seed"));
            if (result.GetValue(localWorkers) < 0) return Task.FromResult(TrainCommand.UserError(Name, "--local-workers must be 0 or more"));
            return TrainCommand.RunAsync(result.GetValue(config), overrides, result.GetValue(device), result.GetValue(run), result.GetValue(resume),
                cancellation, learnerNode: new LearnerNodeOptions(result.GetValue(port), result.GetValue(localWorkers)));
        });
        return command;
    }

    private static async Task<int> RunWorkerAsync(FileInfo? file, string[] overrides, string? seedText, int? port, CancellationToken cancellation)
    {
        if (file is null) return TrainCommand.UserError(Name, "give --config FILE: the recipe the learner trains");
        if (seedText is null) return TrainCommand.UserError(Name, "give --seed HOST:PORT: where the learner node listens");
        TrainingRecipe recipe;
        Config config;
        MonitoringSettings monitoring;
        ClusterNodeSettings node;
        ClusterJoinSettings join;
        try
        {
            SeedNode.Parse(seedText);
            config = RecipeLoader.Load(file, overrides, device: null);
            TorchRuntime.IntraOpThreads = config.GetInt("a3c.torch.intra-op-threads");
            // A worker publishes no training figures of its own: the learner's node has them.
            monitoring = config.Bind<MonitoringSettings>() with { ScalarsDirectory = null };
            node = config.Bind<NodeNetworkSettings>().ForNode(ClusterRoles.Worker, port ?? 0, [seedText]);
            join = config.Bind<ClusterJoinSettings>();
            recipe = TrainingRecipe.FromConfig(config, runName: ClusterRoles.Worker);
        }
        catch (Exception e) when (e is ConfigException or FileNotFoundException or FormatException or LibTorchUnavailableException or ArgumentException)
        {
            return TrainCommand.UserError(Name, e.Message);
        }

        Console.WriteLine($"worker node: {recipe.Training.Workers} workers x {recipe.Environment.EnvsPerWorker} envs of {recipe.Environment.Id}, " +
            $"joining the learner at {seedText}");
        try
        {
            await WorkerNodeSession.RunAsync(recipe, async () =>
                {
                    var host = await ActorSystemHost.StartAsync(config, cancellationToken: cancellation, configure: akka => NodeHosting.Configure(akka, node));
                    Console.WriteLine($"worker node: listening at {Akka.Cluster.Cluster.Get(host.System).SelfAddress}");
                    var observers = await RunObservers.AttachAsync(host.System, monitoring, ClusterRoles.Worker, Console.Out);
                    return (host.System, new WorkerNodeHost(host, observers));
                },
                join.RetryInterval, cancellation);
            return 0;
        }
        catch (OperationCanceledException)
        {
            // Asked to stop (Ctrl+C or SIGTERM) and stopped cleanly: not a failure.
            Console.Error.WriteLine($"{Name}: stopped");
            return 0;
        }
        catch (TrainingFailedException e)
        {
            return TrainCommand.UserError(Name, e.Message);
        }
    }
}
