namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>Journal event: a process started (or resumed) training the run.</summary>
/// <param name="ResumedFromStep">The step it continues from; null for a fresh start.</param>
/// <param name="Holder">The process, as the run's lock names it.</param>
public sealed record RunStarted(string Mode, string Environment, long? ResumedFromStep, string Holder, DateTimeOffset Timestamp);
