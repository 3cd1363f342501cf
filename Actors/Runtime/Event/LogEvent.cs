namespace A3C.Actors.Runtime.Event;

/// <summary>A log line on the event stream: level, time, the actor path it came from, and the text.</summary>
public sealed record LogEvent(LogLevel Level, DateTimeOffset Timestamp, string LogSource, Type LogClass, string Message, Exception? Cause = null)
{
    public override string ToString()
    {
        var line = $"[{Level.ToString().ToUpperInvariant()}][{Timestamp:yyyy-MM-dd HH:mm:ss.fff}][{LogSource}] {Message}";
        return Cause is null ? line : line + Environment.NewLine + Cause;
    }
}
