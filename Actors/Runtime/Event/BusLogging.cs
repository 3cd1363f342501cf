namespace A3C.Actors.Runtime.Event;

/// <summary>Logs to the event stream, dropping events below the configured level before formatting.</summary>
public sealed class BusLogging(EventStream stream, string logSource, Type logClass, LogLevel minimumLevel) : ILoggingAdapter
{
    public bool IsEnabled(LogLevel level) => level >= minimumLevel;

    public void Log(LogLevel level, Exception? cause, string message)
    {
        if (IsEnabled(level)) stream.Publish(new LogEvent(level, DateTimeOffset.UtcNow, logSource, logClass, message, cause));
    }
}
