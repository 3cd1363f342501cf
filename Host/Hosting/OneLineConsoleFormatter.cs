using Akka.Event;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace A3C.Host.Hosting;

/// <summary>
/// Writes each log event as one line, <c>a3c [level] source: message (Exception: what it said)</c>: a
/// supervised worker that crashes on purpose (fault injection) is one line between progress lines,
/// not a stack trace. The stack trace is kept where it helps, at debug level.
/// </summary>
public sealed class OneLineConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "a3c-one-line";

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (string.IsNullOrEmpty(message) && entry.Exception is null) return;
        textWriter.Write("a3c [");
        textWriter.Write(Level(entry.LogLevel));
        textWriter.Write("] ");
        // An actor's event names the actor it came from.
        if (entry.State is LogEvent { LogSource: { Length: > 0 } source })
        {
            textWriter.Write(source);
            textWriter.Write(": ");
        }
        textWriter.Write(message.ReplaceLineEndings(" "));
        if (entry.Exception is { } exception)
        {
            textWriter.Write(" (");
            textWriter.Write(exception.GetType().Name);
            // Akka's failure events repeat the exception's message as their own.
            if (exception.Message != message)
            {
                textWriter.Write(": ");
                textWriter.Write(exception.Message.ReplaceLineEndings(" "));
            }
            textWriter.Write(')');
            if (entry.LogLevel <= LogLevel.Debug)
            {
                textWriter.WriteLine();
                textWriter.Write(exception.ToString());
            }
        }
        textWriter.WriteLine();
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => level.ToString(),
    };
}
