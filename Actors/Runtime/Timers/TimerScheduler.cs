namespace A3C.Actors.Runtime.Timers;

/// <summary>
/// Timers as messages to self. Each start gets a new generation; a fired message whose
/// generation is no longer the key's current one is dropped on arrival.
/// </summary>
internal sealed class TimerScheduler(IActorRef self) : ITimerScheduler
{
    private readonly Dictionary<object, ActiveTimer> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Handle.Dispose();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Handle.Dispose();
        _timers.Clear();
    }

    /// <summary>On arrival of a fired timer: the message to deliver, if the timer is still current.</summary>
    public bool TryTake(TimerMessage fired, out object message)
    {
        message = null!;
        if (!_timers.TryGetValue(fired.Key, out var timer) || timer.Generation != fired.Generation) return false;
        if (!timer.Periodic)
        {
            _timers.Remove(fired.Key);
            timer.Handle.Dispose();
        }
        message = timer.Message;
        return true;
    }

    private void Start(object key, object message, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var fired = new TimerMessage(key, ++_generation);
        var handle = TimeProvider.System.CreateTimer(
            static state => { var (target, tick) = ((IActorRef, TimerMessage))state!; target.Tell(tick, target); },
            (self, fired), dueTime, period);
        _timers[key] = new ActiveTimer(message, fired.Generation, period != Timeout.InfiniteTimeSpan, handle);
    }

    private sealed record ActiveTimer(object Message, int Generation, bool Periodic, ITimer Handle);
}

/// <summary>What a timer sends to its actor; unwrapped by the runtime.</summary>
internal sealed record TimerMessage(object Key, int Generation) : IAutoReceivedMessage;
