using System.Globalization;
using A3C.Actors.Training.Messages;

namespace A3C.Host.Telemetry;

/// <summary>
/// <c>scalars.csv</c>: a header of <see cref="TrainingScalar"/> names, then one row per progress
/// record it is given; a figure the record does not carry is an empty cell.
/// </summary>
/// <remarks>
/// A file that exists already (a resumed run's) is appended to, not replaced: its header is not
/// written again and <see cref="LastFrames"/> says how far its rows went, so the rows of every
/// process that trained the run follow one another in one file.
/// </remarks>
public sealed class ScalarsCsvWriter : IDisposable
{
    private static readonly string Header = string.Join(',', TrainingScalar.All.Select(s => s.Name));

    private readonly StreamWriter _writer;

    public ScalarsCsvWriter(string path) : this(path, Open(path))
    {
    }

    /// <summary>Over a stream of its own (readable and seekable), which it disposes.</summary>
    internal ScalarsCsvWriter(string path, Stream stream)
    {
        Path = path;
        try
        {
            LastFrames = ReadLastFrames(stream, out var endsWithNewline);
            stream.Seek(0, SeekOrigin.End);
            _writer = new StreamWriter(stream) { NewLine = "\n" };
            if (stream.Length == 0) _writer.WriteLine(Header);
            else if (!endsWithNewline) _writer.WriteLine(); // a row cut short by a killed process stays a row of its own
            _writer.Flush();
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public string Path { get; }

    /// <summary>The frames of the last row already in the file when it was opened; null when it had none.</summary>
    public long? LastFrames { get; }

    public void Write(TrainingProgress progress)
    {
        _writer.WriteLine(string.Join(',', TrainingScalar.All.Select(s => Cell(s.Read(progress)))));
        _writer.Flush();
    }

    private static string Cell(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>The frames column of the file's last complete row, read from its tail.</summary>
    private static FileStream Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
    }

    private static long? ReadLastFrames(Stream stream, out bool endsWithNewline)
    {
        endsWithNewline = true;
        if (stream.Length == 0) return null;
        var length = (int)Math.Min(stream.Length, 64 * 1024);
        var tail = new byte[length];
        stream.Seek(-length, SeekOrigin.End);
        stream.ReadExactly(tail);
        endsWithNewline = tail[^1] == (byte)'\n';
        var lines = System.Text.Encoding.UTF8.GetString(tail).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var column = TrainingScalar.All.ToList().FindIndex(s => s.Name == "frames");
        // The last line may be cut short; the one before it is whole.
        foreach (var line in lines.Reverse().Take(2))
        {
            var cells = line.Split(',');
            if (cells.Length == TrainingScalar.All.Count &&
                double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var frames))
                return (long)frames;
        }
        return null;
    }

    public void Dispose() => _writer.Dispose();
}
