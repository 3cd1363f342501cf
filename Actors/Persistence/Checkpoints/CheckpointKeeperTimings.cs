namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>How long <see cref="CheckpointKeeper"/> waits for the store, and between tries after a failure.</summary>
/// <param name="WriteTimeout">A write not answered within this is counted as failed, and its state kept.</param>
/// <param name="FirstRetry">The pause after the first failure; it doubles with each further one.</param>
/// <param name="MaxRetry">The longest pause between tries.</param>
public sealed record CheckpointKeeperTimings(TimeSpan WriteTimeout, TimeSpan FirstRetry, TimeSpan MaxRetry)
{
    public static CheckpointKeeperTimings Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    public TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * (1L << Math.Min(failures - 1, 20))));
}
