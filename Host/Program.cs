using System.CommandLine;
using A3C.Host.Commands;

namespace A3C.Host;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("a3c: distributed actor-critic training on an actor runtime")
        {
            TrainCommand.Create(),
            SmokeCommand.Create(),
            CheckpointsCommand.Create(),
            EvalCommand.Create(),
            MetricsCommand.Create(),
        };
        // Ctrl+C and SIGTERM cancel training; the final snapshot is then stored before exiting,
        // which can take longer than the 2 s System.CommandLine waits by default.
        var parsed = root.Parse(args);
        var exitCode = parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
        // A mistyped command or option is a usage error, exit 2 like every other bad input
        // (System.CommandLine reports it, with suggestions, and would exit 1).
        return parsed.Errors.Count > 0 ? 2 : exitCode;
    }
}
