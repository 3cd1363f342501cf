namespace A3C.Actors.Monitoring;

/// <summary>
/// One instrumented actor's figures at one moment: the numbers the exporter publishes, for
/// <c>/api/actors</c>, the dashboard and <c>a3c metrics</c>.
/// </summary>
/// <param name="Path">The actor's path without address, e.g. <c>/user/run/learner</c>.</param>
/// <param name="ParentPath">Its parent's path without address; null under the root.</param>
/// <param name="ActorType">The actor's type as <see cref="ActorTypeNames.Display"/> writes it.</param>
/// <param name="MailboxDepth">User messages waiting in its mailbox.</param>
/// <param name="Processed">Messages handed to its receive, failed ones included, over all its incarnations.</param>
/// <param name="Failures">Exceptions thrown by its receive or its start and restart hooks.</param>
/// <param name="Restarts">Restarts in place by its supervisor, plus new incarnations at its path after one stopped by a failure.</param>
/// <param name="ProcessingTime">Processing time over the timed messages.</param>
public sealed record ActorMetricsSnapshot(
    string Path,
    string? ParentPath,
    string ActorType,
    int MailboxDepth,
    long Processed,
    long Failures,
    long Restarts,
    ProcessingTimeSummary ProcessingTime);
