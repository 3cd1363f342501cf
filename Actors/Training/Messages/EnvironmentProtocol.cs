using A3C.Models.Environments;

namespace A3C.Actors.Training.Messages;

// Between a rollout actor and the environment actor it drives: one message per vector step.

/// <summary>Steps every copy: action <c>i</c> goes to copy <c>i</c>.</summary>
public sealed record StepEnvironments(int[] Actions);

/// <summary>
/// Sent by an environment actor when it starts, and again by each new incarnation after a crash:
/// it waits for <see cref="ResetEnvironments"/> before stepping.
/// </summary>
public sealed record EnvironmentStarted;

/// <summary>
/// Starts new episodes in every copy from <paramref name="Seed"/>. The rollout actor chooses it:
/// the worker's own seed the first time, a fresh one after a crash, so that a restarted
/// environment does not replay the episodes it crashed in.
/// </summary>
public sealed record ResetEnvironments(ulong Seed);

/// <summary>
/// Sent by an environment actor once its copies are reset (and after a restart): its copies were reset and
/// these are their first observations. Pending n-step work from before is void.
/// </summary>
public sealed record EnvironmentReady<TObs>(TObs[] Observations) where TObs : unmanaged;

/// <summary>
/// The outcome of one vector step. Rows of <see cref="FinalObservations"/> are meaningful where
/// the copy's episode ended; <see cref="Observations"/> then already starts the next episode.
/// </summary>
public sealed record EnvironmentStepped<TObs>(
    TObs[] Observations,
    TObs[] FinalObservations,
    float[] Rewards,
    bool[] Terminated,
    bool[] Truncated,
    EpisodeStatistics[] Episodes) where TObs : unmanaged;
