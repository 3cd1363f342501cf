using System.CommandLine;
using System.Runtime.InteropServices;
using A3C.Host.Commands;

namespace A3C.Host;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("a3c: distributed actor-critic training on an actor runtime")
        {
            TrainCommand.Create(),
            NodeCommand.Create(),
            SmokeCommand.Create(),
            CheckpointsCommand.Create(),
            EvalCommand.Create(),
            MetricsCommand.Create(),
        };
        var parsed = root.Parse(args);

        // The first Ctrl+C or SIGTERM cancels the command, which then stops cleanly (training stores
        // its final snapshot, however long that takes); a second one is left to the runtime, which
        // ends the process. The signals are ours rather than System.CommandLine's: its handler for a
        // signal can run after the command has returned, on a disposed token source, and crash the
        // process. Never disposed, for the same reason.
        var stop = new CancellationTokenSource();
        var signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref signals) > 1) return;
            context.Cancel = true;
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var exitCode = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
        // A mistyped command or option is a usage error, exit 2 like every other bad input
        // (System.CommandLine reports it, with suggestions, and would exit 1).
        return parsed.Errors.Count > 0 ? 2 : exitCode;
    }
}
