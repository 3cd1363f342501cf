using Akka.Actor;
using Akka.Event;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using AkkaLogLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace A3C.Host.Hosting;

/// <summary>
/// Akka's log events into Microsoft.Extensions.Logging, each under the category of the class that
/// logged it (<c>Akka.Actor.CoordinatedShutdown</c>, say), so the usual category filters apply to
/// actor logs too. Akka.Hosting's own forwarder puts every event under one category.
/// </summary>
public sealed class ActorLogForwarder : LoggerFactoryLogger
{
    private readonly ILoggerFactory _factory = Context.System.Settings.Setup.Get<LoggerFactorySetup>().Value.LoggerFactory;
    private readonly Dictionary<Type, ILogger> _loggers = [];

    protected override void Log(LogEvent log, ActorPath path)
    {
        var source = log.LogClass ?? typeof(ActorSystem);
        if (!_loggers.TryGetValue(source, out var logger)) _loggers[source] = logger = _factory.CreateLogger(source);
        logger.Log(Level(log.LogLevel()), default, log, log.Cause, static (e, _) => e.Message?.ToString() ?? "");
    }

    private static LogLevel Level(AkkaLogLevel level) => level switch
    {
        AkkaLogLevel.DebugLevel => LogLevel.Debug,
        AkkaLogLevel.InfoLevel => LogLevel.Information,
        AkkaLogLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
