using System.Net.Sockets;
using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using A3C.Host.Telemetry;

namespace A3C.Host.Monitoring;

/// <summary>
/// What watches a training run from the host: the monitoring endpoint and the scalar files,
/// attached to the run's actor system when it starts and closed when the run ends.
/// </summary>
public sealed class RunObservers : IAsyncDisposable
{
    private readonly MonitoringServer? _server;
    private readonly ScalarFiles? _files;
    private readonly IAsyncDisposable? _filesSubscription;

    private RunObservers(MonitoringServer? server, ScalarFiles? files, IAsyncDisposable? filesSubscription)
    {
        _server = server;
        _files = files;
        _filesSubscription = filesSubscription;
    }

    /// <summary>
    /// Starts what <paramref name="settings"/> enables and says where on <paramref name="log"/>.
    /// Observers exist to watch the run, not to stop it: one that cannot start (port taken,
    /// directory not writable) is reported and left out, and training goes on.
    /// </summary>
    /// <param name="onScalarsFailed">Told once what was lost when writing the scalar files fails mid-run.</param>
    public static async Task<RunObservers> AttachAsync(ActorSystem system, MonitoringSettings settings, string runName, TextWriter log,
        Action<string>? onScalarsFailed = null)
    {
        ScalarFiles? files = null;
        if (settings.ScalarsDirectory is { } directory)
        {
            try
            {
                files = new ScalarFiles(directory, runName, onScalarsFailed);
                log.WriteLine($"scalars: {files.CsvPath}, TensorBoard events in {Path.GetDirectoryName(files.EventFilePath)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.WriteLine($"scalars: cannot write to {Path.Combine(directory, runName)} ({e.Message}); continuing without scalar files");
            }
        }
        MonitoringServer? server = null;
        if (settings.Enabled)
        {
            try
            {
                server = await MonitoringServer.StartAsync(system, settings);
                log.WriteLine($"monitoring: {server.Url} (dashboard), {new Uri(server.Url, "metrics")} (Prometheus)");
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                log.WriteLine($"monitoring: cannot listen on {settings.Host}:{settings.Port} ({e.Message}); " +
                    "continuing without the endpoint (--set monitoring.port=0 picks a free port)");
            }
        }
        var filesSubscription = files is null ? null : EventStreamListener.Start<TrainingProgress>(system, files.Write);
        return new RunObservers(server, files, filesSubscription);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        // Every record published before is written before the files close.
        if (_filesSubscription is not null) await _filesSubscription.DisposeAsync();
        _files?.Dispose();
    }
}
