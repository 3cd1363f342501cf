namespace A3C.Actors.Runtime;

/// <summary>
/// Timers owned by one actor, keyed: starting a timer under a used key replaces it, and a
/// cancelled (or replaced) timer's message is never delivered, even if already queued. All
/// timers are cancelled when the actor restarts or stops. Call only from inside the actor.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
