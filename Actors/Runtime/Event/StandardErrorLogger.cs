namespace A3C.Actors.Runtime.Event;

/// <summary>The default log subscriber: one line per event on standard error.</summary>
public static class StandardErrorLogger
{
    public static IDisposable Attach(EventStream stream) =>
        stream.Subscribe<LogEvent>(e => Console.Error.WriteLine(e.ToString()));
}
