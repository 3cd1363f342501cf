using System.Globalization;
using A3C.Actors.Training.Messages;

namespace A3C.Host.Telemetry;

/// <summary>
/// <c>scalars.csv</c>: a header of <see cref="TrainingScalar"/> names, then one row per progress
/// record it is given; a figure the record does not carry is an empty cell.
/// </summary>
public sealed class ScalarsCsvWriter : IDisposable
{
    private readonly StreamWriter _writer;

    public ScalarsCsvWriter(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read)) { NewLine = "\n" };
        _writer.WriteLine(string.Join(',', TrainingScalar.All.Select(s => s.Name)));
        _writer.Flush();
    }

    public string Path { get; }

    public void Write(TrainingProgress progress)
    {
        _writer.WriteLine(string.Join(',', TrainingScalar.All.Select(s => Cell(s.Read(progress)))));
        _writer.Flush();
    }

    private static string Cell(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    public void Dispose() => _writer.Dispose();
}
