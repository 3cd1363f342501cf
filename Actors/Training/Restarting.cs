using Akka.Actor;
using Akka.Pattern;

namespace A3C.Actors.Training;

/// <summary>How the run's workers come back after a crash.</summary>
public static class Restarting
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    // Spreads the restarts of workers that crashed together, so they do not all come back at once.
    private const double RandomFactor = 0.2;

    /// <summary>
    /// <paramref name="child"/> under a <see cref="BackoffSupervisor"/>: each crash restarts it
    /// after a pause that doubles from 10 ms up to 1 s, without limit, and the pause shrinks back
    /// once it runs. A restarted child starts afresh (its constructor and <c>PreStart</c> run again).
    /// </summary>
    public static Props WithBackoff(Props child, string childName) =>
        BackoffSupervisor.Props(Backoff.OnFailure(child, childName, MinBackoff, MaxBackoff, RandomFactor, maxNrOfRetries: -1));
}
