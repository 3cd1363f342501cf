namespace A3C.Actors.Runtime.Event;

public enum LogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}
