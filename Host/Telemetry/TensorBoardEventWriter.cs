namespace A3C.Host.Telemetry;

/// <summary>
/// Writes a TensorBoard event file (<c>events.out.tfevents.&lt;unix seconds&gt;.&lt;host&gt;</c>) of scalar
/// summaries. Each record is an <c>Event</c> message: wall_time (double, field 1), step (int64,
/// field 2), and either file_version (string, field 3; the first record, "brain.Event:2") or a
/// summary (field 5) of <c>Summary.Value</c> entries (field 1) with tag (field 1) and
/// simple_value (float, field 2).
/// </summary>
/// <remarks>
/// Why not TorchSharp's <c>torch.utils.tensorboard.SummaryWriter</c> (0.107.0): its records pass
/// our decoder's framing and CRC checks, but the file_version event it writes first carries
/// <c>WallTime = DateTime.Now.Ticks</c> (SummaryWriter.InitFile): local time in 100 ns units since
/// the year 1, about 6.4e17, where the format wants Unix seconds (our test wants it within an hour of now).
/// TensorBoard takes the first event's wall_time as the run's start time
/// (EventAccumulator.FirstEventTimestamp), so every run would start some 20 billion years from
/// now. Nothing in its API sets that time: the constructor writes the event before it returns.
/// It also takes the step as an int (frames are a long) and the wall time as whole seconds, and
/// writes one event per scalar, reopening the file for each.
/// <c>SummaryWriterTests</c> keeps the evidence and fails once TorchSharp writes Unix seconds.
/// </remarks>
public sealed class TensorBoardEventWriter : IDisposable
{
    public const string FileVersion = "brain.Event:2";

    private readonly TfRecordWriter _records;

    public TensorBoardEventWriter(string directory, DateTimeOffset now) : this(Create(directory, now), now)
    {
    }

    private TensorBoardEventWriter((string Path, Stream Stream) file, DateTimeOffset now) : this(file.Path, file.Stream, now)
    {
    }

    /// <summary>Over a stream of its own, which it disposes.</summary>
    internal TensorBoardEventWriter(string path, Stream stream, DateTimeOffset now)
    {
        Path = path;
        _records = new TfRecordWriter(stream);
        _records.Write(new ProtobufWriter().WriteDouble(1, WallTime(now)).WriteInt64(2, 0).WriteString(3, FileVersion).ToArray());
        _records.Flush();
    }

    public string Path { get; }

    private static (string Path, Stream Stream) Create(string directory, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"events.out.tfevents.{now.ToUnixTimeSeconds()}.{Environment.MachineName}");
        return (path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
    }

    /// <summary>One event with every scalar at <paramref name="step"/>; flushed so TensorBoard sees it at once.</summary>
    public void WriteScalars(long step, DateTimeOffset wallTime, IEnumerable<(string Tag, double Value)> scalars)
    {
        var summary = new ProtobufWriter();
        foreach (var (tag, value) in scalars)
            summary.WriteMessage(1, new ProtobufWriter().WriteString(1, tag).WriteFloat(2, (float)value));
        _records.Write(new ProtobufWriter().WriteDouble(1, WallTime(wallTime)).WriteInt64(2, step).WriteMessage(5, summary).ToArray());
        _records.Flush();
    }

    private static double WallTime(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    public void Dispose() => _records.Dispose();
}
