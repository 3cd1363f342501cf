using System.CommandLine;
using System.Globalization;
using A3C.Host.Monitoring;
using A3C.Host.Telemetry;
using A3C.Host.Terminal;
using Spectre.Console;

namespace A3C.Host.Commands;

/// <summary>
/// <c>a3c metrics [--url http://127.0.0.1:9090]</c>: prints a running node's actors and its latest
/// training figures. Exit code 0, or 2 when the URL is bad or no a3c node answers there.
/// </summary>
public static class MetricsCommand
{
    public const string DefaultUrl = "http://127.0.0.1:9090";

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The node's monitoring endpoint", DefaultValueFactory = _ => DefaultUrl };
        var command = new Command("metrics", "Print the actors and training figures of a running node") { url };
        command.SetAction(async (result, cancellation) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            return await RunAsync(result.GetValue(url)!, http, TerminalEnvironment.Current().CreateConsole(Console.Out), Console.Error, cancellation);
        });
        return command;
    }

    public static async Task<int> RunAsync(string urlText, HttpClient http, IAnsiConsole output, TextWriter error, CancellationToken cancellation)
    {
        try
        {
            var client = new MonitoringClient(http, MonitoringClient.ParseUrl(urlText));
            var actors = await client.ActorsAsync(cancellation);
            var training = await client.TrainingAsync(cancellation);
            var width = output.Profile.Width;
            if (actors.Nodes.Count > 0)
                Write(output, $"cluster ({actors.Nodes.Count(n => n.Status == "up")} of {actors.Nodes.Count} members up)", NodeTable(actors.Nodes), width);
            Write(output, $"actors of {actors.Address} ({actors.Actors.Count}, {actors.DeadLetters:N0} dead letters)", ActorTable(actors), width);
            Write(output, "latest training figures", TrainingTable(training), width);
            return 0;
        }
        catch (MonitoringClientException e)
        {
            error.WriteLine($"a3c metrics: {e.Message}");
            return 2;
        }
    }

    /// <summary>The title as a line of its own (wrapped at spaces like any text), then the table laid out for the width.</summary>
    private static void Write(IAnsiConsole output, string title, FittedTable table, int width)
    {
        output.Write(new Text(title + "\n"));
        output.Write(table.Build(width));
    }

    private static FittedTable ActorTable(ActorsDocument document)
    {
        // The path says where an actor sits in the tree: it wraps only before a '/', so each line is whole names.
        var table = new FittedTable().Column("Path", FitColumn.Wrapped).Column("Type", FitColumn.Wrapped);
        foreach (var column in new[] { "Mailbox", "Processed", "msg/s", "Mean µs", "Restarts", "Failures" })
            table.Column(column, FitColumn.Number);
        foreach (var a in document.Actors)
        {
            table.Row(
                RelativePath(a.Path, document.Address),
                a.Type,
                Number(a.Mailbox),
                Number(a.Processed),
                a.Throughput is { } rate ? rate.ToString("N1", CultureInfo.InvariantCulture) : "-",
                a.ProcessingTime.Sampled == 0 ? "-" : a.ProcessingTime.Mean.ToString("N1", CultureInfo.InvariantCulture),
                Number(a.Restarts),
                Number(a.Failures));
        }
        return table;
    }

    private static FittedTable NodeTable(IReadOnlyList<NodeDocument> nodes)
    {
        var table = new FittedTable()
            .Column("Node", FitColumn.Number).Column("Address", FitColumn.Wrapped).Column("Role", FitColumn.Text).Column("Status", FitColumn.Text);
        foreach (var column in new[] { "Last heartbeat", "Sent", "Received", "Frames/s" })
            table.Column(column, FitColumn.Number);
        foreach (var n in nodes)
        {
            table.Row(
                n.NodeNumber.ToString(CultureInfo.InvariantCulture) + (n.Self ? " (this)" : ""),
                n.Address,
                n.Role,
                n.Status,
                n.LastHeartbeat is { } beat ? beat.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "-",
                Bytes(n.BytesSent),
                Bytes(n.BytesReceived),
                n.FramesPerSecond is { } fps ? fps.ToString("N0", CultureInfo.InvariantCulture) : "-");
        }
        return table;
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 * 1024 => (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.InvariantCulture) + " MiB",
    };

    private static FittedTable TrainingTable(TrainingDocument document)
    {
        var table = new FittedTable().Column("Scalar", FitColumn.Wrapped).Column("Value", FitColumn.Number);
        if (document.History.Count == 0)
        {
            table.Row("(no progress published yet)", "");
            return table;
        }
        var latest = document.History[^1];
        foreach (var name in document.Scalars)
            table.Row(name, latest.TryGetValue(name, out var v) && v is { } x ? FormatScalar(name, x) : "-");
        return table;
    }

    /// <summary>
    /// Counts as integers with thousands separators (frames 15,369,500), rates and seconds with one
    /// decimal, the mean reward and episode length with two, and the small figures of an update
    /// (losses, gradients, learning rate) with four significant digits.
    /// </summary>
    internal static string FormatScalar(string name, double value)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        var counter = TrainingScalar.All.FirstOrDefault(s => s.Name == name)?.IsCounter ?? false;
        var format = counter || name == "batch_size" ? "N0"
            : name.EndsWith("_per_second", StringComparison.Ordinal) || name == "elapsed_seconds" ? "N1"
            : name is "mean_reward" or "mean_episode_length" or "mean_staleness" ? "N2"
            : Math.Abs(value) >= 1000 ? "N1"
            : "G4";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>The address is in the title; rows show <c>/user/run/...</c> so the table fits a terminal.</summary>
    private static string RelativePath(string path, string address) =>
        path.StartsWith(address, StringComparison.Ordinal) && path.Length > address.Length ? path[address.Length..] : path;

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
