namespace A3C.Actors.Runtime;

/// <summary>Implement on an actor to get <see cref="Timers"/>, set by the runtime before the constructor's body returns to it.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
