using Akka.Actor.Setup;

namespace A3C.Actors.Monitoring;

/// <summary>
/// Per-system settings of the actor metrics, handed to the actor system with its other setups
/// (<c>ActorSystemSetup.Create(bootstrap, metricsSetup)</c>, or <c>AddSetup</c> with Akka.Hosting).
/// Without one, the run label is the system's name and the other labels are empty.
/// </summary>
public sealed class ActorMetricsSetup : Setup
{
    /// <summary>One message in 64 is timed unless told otherwise: see <see cref="TimingSampleInterval"/>.</summary>
    public const int DefaultTimingSampleInterval = 64;

    public ActorMetricsSetup(ActorMetricsLabels labels, int timingSampleInterval = DefaultTimingSampleInterval)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (timingSampleInterval < 1 || !int.IsPow2(timingSampleInterval))
            throw new ArgumentOutOfRangeException(nameof(timingSampleInterval), timingSampleInterval,
                "The timing sample interval must be a power of two (1, 2, 4, ...).");
        Labels = labels;
        TimingSampleInterval = timingSampleInterval;
    }

    public ActorMetricsLabels Labels { get; }

    /// <summary>
    /// Every message is counted; one in this many has its processing time measured (the first
    /// always). A power of two, so the choice is a mask, not a division, per message.
    /// </summary>
    public int TimingSampleInterval { get; }
}
