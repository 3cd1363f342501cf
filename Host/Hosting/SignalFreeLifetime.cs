using Microsoft.Extensions.Hosting;

namespace A3C.Host.Hosting;

/// <summary>
/// The lifetime of the generic hosts inside a command (the actor system's, the monitoring
/// server's): started and stopped by the command, deaf to the process's signals.
/// </summary>
/// <remarks>
/// The default console lifetime registers SIGINT and SIGTERM handlers of its own, which stop its
/// host on a signal; the command line's handler cancels the command, and the command stops the
/// hosts in its own order (the run's final snapshot first).
/// </remarks>
internal sealed class SignalFreeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
