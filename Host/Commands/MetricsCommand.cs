using System.CommandLine;
using System.Globalization;
using A3C.Host.Monitoring;
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
            return await RunAsync(result.GetValue(url)!, http, AnsiConsole.Console, Console.Error, cancellation);
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
            if (actors.Nodes.Count > 0) output.Write(NodeTable(actors.Nodes));
            output.Write(ActorTable(actors));
            output.Write(TrainingTable(training));
            return 0;
        }
        catch (MonitoringClientException e)
        {
            error.WriteLine($"a3c metrics: {e.Message}");
            return 2;
        }
    }

    private static Table ActorTable(ActorsDocument document)
    {
        var table = new Table { Title = new TableTitle($"actors of {document.Address} ({document.Actors.Count}, {document.DeadLetters} dead letters)") };
        // The path says where an actor sits in the tree; wrapping it would hide exactly that.
        table.AddColumn(new TableColumn("Path").NoWrap());
        table.AddColumn(new TableColumn("Type").NoWrap());
        foreach (var column in new[] { "Mailbox", "Processed", "msg/s", "Mean µs", "Restarts", "Failures" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var a in document.Actors)
        {
            table.AddRow(
                Markup.Escape(RelativePath(a.Path, document.Address)),
                Markup.Escape(a.Type),
                Number(a.Mailbox),
                Number(a.Processed),
                a.Throughput is { } rate ? rate.ToString("F1", CultureInfo.InvariantCulture) : "-",
                a.ProcessingTime.Sampled == 0 ? "-" : a.ProcessingTime.Mean.ToString("F1", CultureInfo.InvariantCulture),
                Number(a.Restarts),
                Number(a.Failures));
        }
        return table;
    }

    private static Table NodeTable(IReadOnlyList<NodeDocument> nodes)
    {
        var table = new Table { Title = new TableTitle($"cluster ({nodes.Count(n => n.Status == "up")} of {nodes.Count} members up)") };
        table.AddColumn(new TableColumn("Node").RightAligned());
        table.AddColumn(new TableColumn("Address").NoWrap());
        table.AddColumn("Role");
        table.AddColumn("Status");
        foreach (var column in new[] { "Last heartbeat", "Sent", "Received", "Frames/s" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var n in nodes)
        {
            table.AddRow(
                n.NodeNumber.ToString(CultureInfo.InvariantCulture) + (n.Self ? " (this)" : ""),
                Markup.Escape(n.Address),
                Markup.Escape(n.Role),
                Markup.Escape(n.Status),
                n.LastHeartbeat is { } beat ? beat.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "-",
                Bytes(n.BytesSent),
                Bytes(n.BytesReceived),
                n.FramesPerSecond is { } fps ? fps.ToString("N0", CultureInfo.InvariantCulture) : "-");
        }
        return table;
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 * 1024 => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " MiB",
    };

    private static Table TrainingTable(TrainingDocument document)
    {
        var table = new Table { Title = new TableTitle("latest training figures") };
        table.AddColumn("Scalar");
        table.AddColumn(new TableColumn("Value").RightAligned());
        if (document.History.Count == 0)
        {
            table.AddRow("(no progress published yet)", "");
            return table;
        }
        var latest = document.History[^1];
        foreach (var name in document.Scalars)
        {
            var value = latest.TryGetValue(name, out var v) && v is { } x ? x.ToString("G6", CultureInfo.InvariantCulture) : "-";
            table.AddRow(name, value);
        }
        return table;
    }

    /// <summary>The address is in the title; rows show <c>/user/run/...</c> so the table fits a terminal.</summary>
    private static string RelativePath(string path, string address) =>
        path.StartsWith(address, StringComparison.Ordinal) && path.Length > address.Length ? path[address.Length..] : path;

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
