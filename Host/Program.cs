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
            MetricsCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
