using System.CommandLine;
using System.Globalization;
using A3C.Actors.Training.Evaluation;

namespace A3C.Host.Commands;

/// <summary>
/// <c>a3c eval RUN [--step N] [--episodes 10] [--greedy] [--render FILE.gif] [--seed S]</c>: plays a
/// stored policy on its run's environment (built from the config stored with the snapshot) and
/// prints the mean, standard deviation, minimum and maximum of the episodes' returns and lengths.
/// Without <c>--step</c> it takes the valid snapshot with the best mean reward. Exit code 2 for an
/// unknown run or step, a damaged snapshot or bad options.
/// </summary>
public static class EvalCommand
{
    private const string Name = "a3c eval";

    public static Command Create()
    {
        var store = StoreOptions.Create();
        var run = new Argument<string>("run") { Description = "The run's name" };
        var step = new Option<long?>("--step") { Description = "The snapshot's step (default: the valid one with the best mean reward)" };
        var episodes = new Option<int>("--episodes") { Description = "Episodes to play", DefaultValueFactory = _ => 10 };
        var greedy = new Option<bool>("--greedy") { Description = "Take the most likely action instead of sampling from the policy" };
        var render = new Option<FileInfo?>("--render") { Description = "Write the first episode as an animated GIF to this file" };
        var seed = new Option<ulong>("--seed") { Description = "Seeds the environment's first reset and the action draws", DefaultValueFactory = _ => 0 };
        var command = new Command("eval", "Play a stored policy on its run's environment and print the statistics of its episodes")
        {
            run, step, episodes, greedy, render, seed,
        };
        store.AddTo(command);
        command.SetAction((result, cancellation) => store.WithStoreAsync(result, Name, result.GetValue(run)!, async store =>
        {
            var options = new EvaluationOptions(result.GetValue(episodes), result.GetValue(greedy), result.GetValue(seed),
                result.GetValue(render)?.FullName);
            if (options.Episodes < 1) throw new ArgumentException($"--episodes must be at least 1, got {options.Episodes}");
            using var policy = await StoreOptions.LoadPolicyAsync(store, Name, result.GetValue(run)!, result.GetValue(step), cancellation);
            Console.WriteLine($"{Name}: {options.Episodes} episodes of {policy.Recipe.Environment.Id}, " +
                              $"{(options.Greedy ? "greedy (argmax) actions" : "actions sampled from the policy")}, seed {options.Seed}");
            var report = PolicyEvaluation.Run(policy, options, cancellation);
            Print("return", report.Returns);
            Print("length", report.Lengths);
            if (options.RenderPath is { } path)
                Console.WriteLine($"{Name}: wrote episode 1 ({report.RenderedFrames} frames) to {path}");
            return 0;
        }, cancellation));
        return command;
    }

    private static void Print(string what, Statistics statistics) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what,-7} mean {statistics.Mean,10:F2}  std {statistics.Std,10:F2}  min {statistics.Min,10:F2}  max {statistics.Max,10:F2}"));
}
