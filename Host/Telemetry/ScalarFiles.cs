using A3C.Actors.Runtime.Event;
using A3C.Actors.Training.Messages;

namespace A3C.Host.Telemetry;

/// <summary>
/// Writes every <see cref="TrainingProgress"/> published on an event stream to
/// <c>&lt;directory&gt;/&lt;run&gt;/scalars.csv</c> and a TensorBoard event file in
/// <c>&lt;directory&gt;/&lt;run&gt;/tb/</c>, stepped by frames.
/// </summary>
public sealed class ScalarFiles : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ScalarsCsvWriter _csv;
    private readonly TensorBoardEventWriter _events;
    private readonly IDisposable _subscription;
    private bool _disposed;

    public ScalarFiles(EventStream events, string directory, string runName)
    {
        RunDirectory = Path.Combine(directory, runName);
        _csv = new ScalarsCsvWriter(Path.Combine(RunDirectory, "scalars.csv"));
        _events = new TensorBoardEventWriter(Path.Combine(RunDirectory, "tb"), DateTimeOffset.UtcNow);
        _subscription = events.Subscribe<TrainingProgress>(Write);
    }

    public string RunDirectory { get; }

    public string CsvPath => _csv.Path;

    public string EventFilePath => _events.Path;

    private void Write(TrainingProgress progress)
    {
        // TensorBoard skips non-finite points poorly (a NaN stretches the axis), so only finite ones go there.
        var scalars = TrainingScalar.All
            .Select(s => (Tag: "training/" + s.Name, Value: s.Read(progress)))
            .Where(s => s.Value is { } v && double.IsFinite(v))
            .Select(s => (s.Tag, s.Value!.Value));
        lock (_gate)
        {
            if (_disposed) return; // a record published while the run was closing
            _csv.Write(progress);
            _events.WriteScalars(progress.Frames, DateTimeOffset.UtcNow, scalars);
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_gate)
        {
            _disposed = true;
            _csv.Dispose();
            _events.Dispose();
        }
    }
}
