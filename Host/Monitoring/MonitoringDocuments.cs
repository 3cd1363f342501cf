using System.Text.Json;
using System.Text.Json.Serialization;

namespace A3C.Host.Monitoring;

/// <summary>
/// <c>/api/actors</c>: the actor tree in tree order (parents before children). <see cref="Service"/>
/// is always <see cref="ServiceName"/>, so a client can tell an a3c node from another server.
/// </summary>
public sealed record ActorsDocument(
    string Service,
    string System,
    string Address,
    DateTimeOffset Timestamp,
    bool MetricsEnabled,
    long DeadLetters,
    IReadOnlyList<ActorDocument> Actors)
{
    public const string ServiceName = "a3c";

    /// <summary>The cluster's members as this node knows them; empty when it runs alone.</summary>
    public IReadOnlyList<NodeDocument> Nodes { get; init; } = [];
}

/// <summary>
/// One cluster member. <see cref="LastHeartbeat"/> and the byte counts describe this node's link
/// to it (null and 0 for this node itself); <see cref="FramesPerSecond"/> is what its workers
/// contributed, known on the learner node only.
/// </summary>
public sealed record NodeDocument(
    string Address,
    string Role,
    int NodeNumber,
    string Status,
    bool Self,
    DateTimeOffset JoinedAt,
    DateTimeOffset? RemovedAt,
    DateTimeOffset? LastHeartbeat,
    long BytesSent,
    long BytesReceived,
    long? Frames,
    double? FramesPerSecond);

/// <summary>One actor. <see cref="Throughput"/> is messages per second, null until two scrapes a second apart.</summary>
public sealed record ActorDocument(
    string Path,
    string? Parent,
    int Depth,
    string Type,
    IReadOnlyList<string> Children,
    int Mailbox,
    long Processed,
    double? Throughput,
    long Failures,
    long Restarts,
    long DeadLetters,
    ProcessingTimeDocument ProcessingTime);

/// <summary>Per-message processing time over the timed sample, in microseconds.</summary>
public sealed record ProcessingTimeDocument(long Sampled, double Mean, double P50, double P99, double Max);

/// <summary>
/// <c>/api/training</c>: the last progress records, oldest first, each a map from
/// <see cref="Telemetry.TrainingScalar"/> name to value (null where the record has none).
/// </summary>
public sealed record TrainingDocument(
    string Service,
    int Capacity,
    IReadOnlyList<string> Scalars,
    IReadOnlyList<IReadOnlyDictionary<string, double?>> History);

/// <summary><c>/health</c>; <see cref="UptimeSeconds"/> counts from the endpoint's start.</summary>
public sealed record HealthDocument(string Service, string Status, string System, double UptimeSeconds);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(ActorsDocument))]
[JsonSerializable(typeof(TrainingDocument))]
[JsonSerializable(typeof(HealthDocument))]
[JsonSerializable(typeof(Dictionary<string, double?>))]
public sealed partial class MonitoringJsonContext : JsonSerializerContext;
