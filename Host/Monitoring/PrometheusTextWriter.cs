using System.Globalization;
using System.Text;
using A3C.Actors.Training.Messages;
using A3C.Host.Telemetry;

namespace A3C.Host.Monitoring;

/// <summary>
/// Renders the node's figures in the Prometheus text exposition format (version 0.0.4): per
/// family a <c># HELP</c> and <c># TYPE</c> line, then one sample per line, label values escaped.
/// </summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(TrainingProgress? training, ProcessStatistics process, IReadOnlyList<NodeDocument>? nodes = null)
    {
        var text = new StringBuilder(16 * 1024);
        if (training is not null) WriteTraining(text, training);
        if (nodes is { Count: > 0 }) WriteNodes(text, nodes);
        WriteProcess(text, process);
        return text.ToString();
    }

    private static void WriteTraining(StringBuilder text, TrainingProgress progress)
    {
        foreach (var scalar in TrainingScalar.All)
        {
            if (scalar.Read(progress) is not { } value) continue;
            var name = "a3c_training_" + scalar.Name + (scalar.IsCounter ? "_total" : "");
            Family(text, name, scalar.IsCounter ? "counter" : "gauge", scalar.Help);
            Sample(text, name, null, value);
        }
    }

    private static void WriteNodes(StringBuilder text, IReadOnlyList<NodeDocument> nodes)
    {
        Family(text, "a3c_cluster_member_up", "gauge", "1 while the member is up, 0 once it left or became unreachable.");
        foreach (var n in nodes) Sample(text, "a3c_cluster_member_up", NodeLabels(n) + $",status=\"{n.Status}\"", n.Status == "up" ? 1 : 0);
        Family(text, "a3c_cluster_members", "gauge", "Members known to this node, by status.");
        foreach (var status in nodes.GroupBy(n => n.Status))
            Sample(text, "a3c_cluster_members", $"status=\"{Escape(status.Key)}\"", status.Count());
        var peers = nodes.Where(n => !n.Self).ToList();
        Family(text, "a3c_cluster_node_sent_bytes_total", "counter", "Bytes this node sent to the member.");
        foreach (var n in peers) Sample(text, "a3c_cluster_node_sent_bytes_total", NodeLabels(n), n.BytesSent);
        Family(text, "a3c_cluster_node_received_bytes_total", "counter", "Bytes this node received from the member.");
        foreach (var n in peers) Sample(text, "a3c_cluster_node_received_bytes_total", NodeLabels(n), n.BytesReceived);
        Family(text, "a3c_cluster_node_last_heartbeat_seconds", "gauge", "When the member last answered a heartbeat, since the Unix epoch.");
        foreach (var n in peers.Where(n => n.LastHeartbeat is not null))
            Sample(text, "a3c_cluster_node_last_heartbeat_seconds", NodeLabels(n), n.LastHeartbeat!.Value.ToUnixTimeMilliseconds() / 1000.0);
        Family(text, "a3c_cluster_node_frames_per_second", "gauge", "Environment frames per second the member's workers contributed.");
        foreach (var n in nodes.Where(n => n.FramesPerSecond is not null))
            Sample(text, "a3c_cluster_node_frames_per_second", NodeLabels(n), n.FramesPerSecond!.Value);
    }

    private static string NodeLabels(NodeDocument node) =>
        $"node=\"{Escape(node.Address)}\",role=\"{Escape(node.Role)}\",node_number=\"{node.NodeNumber}\"";

    private static void WriteProcess(StringBuilder text, ProcessStatistics process)
    {
        Family(text, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        Sample(text, "process_resident_memory_bytes", null, process.ResidentBytes);
        Family(text, "process_cpu_seconds_total", "counter", "User and system CPU time spent in seconds.");
        Sample(text, "process_cpu_seconds_total", null, process.CpuSeconds);
        Family(text, "process_threads", "gauge", "Operating system threads of the process.");
        Sample(text, "process_threads", null, process.Threads);
        Family(text, "process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.");
        Sample(text, "process_start_time_seconds", null, process.StartTime.ToUnixTimeMilliseconds() / 1000.0);
        Family(text, "process_uptime_seconds", "gauge", "Seconds since the process started.");
        Sample(text, "process_uptime_seconds", null, process.Uptime.TotalSeconds);
        Family(text, "dotnet_gc_heap_bytes", "gauge", "Bytes currently thought to be allocated on the managed heap.");
        Sample(text, "dotnet_gc_heap_bytes", null, process.GcHeapBytes);
        Family(text, "dotnet_gc_collections_total", "counter", "Garbage collections per generation.");
        for (var generation = 0; generation < process.GcCollections.Count; generation++)
            Sample(text, "dotnet_gc_collections_total", $"generation=\"{generation}\"", process.GcCollections[generation]);
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", @"\\").Replace("\n", @"\n")).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string? labels, double value)
    {
        text.Append(name);
        if (!string.IsNullOrEmpty(labels)) text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Label values escape backslash, double quote and line feed, as the format requires.</summary>
    private static string Escape(string value) => value.Replace("\\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n");
}
