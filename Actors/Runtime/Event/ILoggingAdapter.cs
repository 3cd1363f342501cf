namespace A3C.Actors.Runtime.Event;

/// <summary>An actor's logger (<c>Context.GetLogger()</c>): publishes <see cref="LogEvent"/>s tagged with the actor path.</summary>
public interface ILoggingAdapter
{
    bool IsEnabled(LogLevel level);

    void Log(LogLevel level, Exception? cause, string message);

    void Debug(string message) => Log(LogLevel.Debug, null, message);

    void Info(string message) => Log(LogLevel.Info, null, message);

    void Warning(string message) => Log(LogLevel.Warning, null, message);

    void Error(string message) => Log(LogLevel.Error, null, message);

    void Error(Exception cause, string message) => Log(LogLevel.Error, cause, message);
}
