using System.Globalization;
using A3C.Actors.Training.Messages;

namespace A3C.Host.Telemetry;

/// <summary>
/// Writes <see cref="TrainingProgress"/> records (those a run publishes, handed over by its observers) to
/// <c>&lt;directory&gt;/&lt;run&gt;/scalars.csv</c> and a TensorBoard event file in
/// <c>&lt;directory&gt;/&lt;run&gt;/tb/</c>, stepped by frames: one point per step.
/// </summary>
/// <remarks>
/// The learner publishes a record every second whether or not its frames moved, so a slow learner
/// (Pong on a CPU takes seconds per update) repeats its frame count. A record whose frames have not
/// moved past the last written one is written to neither file. In TensorBoard the step is the
/// x axis: a repeated step is a second point at the same x, drawn as a vertical stroke, and it
/// takes a place in the per-tag sample TensorBoard keeps of long runs. In the CSV the row would
/// repeat every figure but the elapsed time and show rates of 0; without it, each row is the
/// TensorBoard point of the same step, and its rates span the whole interval since the row before
/// (<see cref="A3C.Actors.Training.ProgressTracker.Snapshot"/> measures them from the last record
/// whose frames moved). A stall shows as a gap in elapsed_seconds; the live figures
/// (Prometheus, JSON) still get every record. A resumed run appends to the CSV its earlier
/// processes wrote, from the first record past that file's last frames.
/// </remarks>
public sealed class ScalarFiles : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ScalarsCsvWriter _csv;
    private readonly TensorBoardEventWriter _events;
    private readonly Action<string>? _onFailed;
    private bool _disposed;
    private long? _lastStep;
    private long? _lastWritten;

    /// <param name="onFailed">
    /// Told once, when a write or the closing flush fails (a full disk, say): what was lost. The
    /// files stop there and training goes on; neither writing nor <see cref="Dispose"/> throws.
    /// </param>
    public ScalarFiles(string directory, string runName, Action<string>? onFailed = null)
        : this(Path.Combine(directory, runName), onFailed,
            csv: path => new ScalarsCsvWriter(path), tensorBoard: path => new TensorBoardEventWriter(path, DateTimeOffset.UtcNow))
    {
    }

    /// <summary>With the writers' factories given: tests put failing streams under them.</summary>
    internal ScalarFiles(string runDirectory, Action<string>? onFailed,
        Func<string, ScalarsCsvWriter> csv, Func<string, TensorBoardEventWriter> tensorBoard)
    {
        RunDirectory = runDirectory;
        _onFailed = onFailed;
        _csv = csv(Path.Combine(RunDirectory, "scalars.csv"));
        // A resumed run appends: its first rows repeat frames a killed process had already written
        // past its last snapshot, and are left out so the file's frames only ever grow.
        _lastStep = _lastWritten = _csv.LastFrames;
        try
        {
            _events = tensorBoard(Path.Combine(RunDirectory, "tb"));
        }
        catch
        {
            _csv.Dispose();
            throw;
        }
    }

    public string RunDirectory { get; }

    public string CsvPath => _csv.Path;

    public string EventFilePath => _events.Path;

    /// <summary>What was lost when a write failed; null while every record has been written.</summary>
    public string? Failure { get; private set; }

    /// <summary>Writes one record, unless its frames did not move past the last one; safe to call from any thread.</summary>
    public void Write(TrainingProgress progress)
    {
        // TensorBoard skips non-finite points poorly (a NaN stretches the axis), so only finite ones go there.
        var scalars = TrainingScalar.All
            .Select(s => (Tag: "training/" + s.Name, Value: s.Read(progress)))
            .Where(s => s.Value is { } v && double.IsFinite(v))
            .Select(s => (s.Tag, s.Value!.Value));
        lock (_gate)
        {
            if (_disposed || Failure is not null) return; // closing, or stopped by a failed write
            if (progress.Frames <= _lastStep) return; // this step is written already
            _lastStep = progress.Frames;
            try
            {
                _csv.Write(progress);
                _events.WriteScalars(progress.Frames, DateTimeOffset.UtcNow, scalars);
                _lastWritten = progress.Frames;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e);
            }
        }
    }

    /// <summary>Closes both files, best-effort: a flush that fails is reported (once), not thrown.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            Close(_csv);
            Close(_events);
        }
    }

    private void Close(IDisposable writer)
    {
        try
        {
            writer.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (Failure is null) Fail(e);
        }
    }

    // Reported once: a full disk fails every record after the first, and a line per record says nothing new.
    private void Fail(Exception e)
    {
        Failure = _lastWritten is { } frames
            ? string.Create(CultureInfo.InvariantCulture, $"scalars in {RunDirectory} stopped at {frames:N0} frames ({e.Message})")
            : $"no scalars were written to {RunDirectory} ({e.Message})";
        _onFailed?.Invoke(Failure);
    }
}
