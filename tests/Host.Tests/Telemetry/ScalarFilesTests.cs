using System.Globalization;
using System.Text;
using A3C.Host.Telemetry;
using A3C.Host.Tests.Monitoring;

namespace A3C.Host.Tests.Telemetry;

public sealed class ScalarFilesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "a3c-scalars-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Reference_crc32c_matches_the_known_check_value()
    {
        Assert.Equal(0xE3069283u, ReferenceCrc32C.Compute("123456789"u8));
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }

    [Fact]
    public void Crc32c_agrees_with_the_reference_on_every_length_and_masks_as_tfrecord_does()
    {
        var data = Enumerable.Range(0, 300).Select(i => (byte)(i * 37 + 11)).ToArray();
        for (var length = 0; length <= data.Length; length += 7)
            Assert.Equal(ReferenceCrc32C.Compute(data.AsSpan(0, length)), Crc32C.Compute(data.AsSpan(0, length)));
        Assert.Equal(ReferenceCrc32C.Masked(data), Crc32C.Mask(Crc32C.Compute(data)));
    }

    [Fact]
    public async Task Event_file_holds_the_version_record_then_one_summary_per_progress_record()
    {
        using (var files = new ScalarFiles(_directory, "cartpole"))
        {
            files.Write(MonitoredActorSystem.Progress(frames: 2000, meanReward: 21.5));
            files.Write(MonitoredActorSystem.Progress(frames: 4000, meanReward: 37.25, policyLoss: -0.5));
        }

        var file = Assert.Single(Directory.GetFiles(Path.Combine(_directory, "cartpole", "tb")));
        Assert.Matches(@"^events\.out\.tfevents\.\d{10}\.[^.].*$", Path.GetFileName(file));
        var events = EventFileReader.Read(await File.ReadAllBytesAsync(file));

        Assert.Equal(3, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Empty(events[0].Scalars);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(events[0].WallTime, now - 3600, now + 60);
        Assert.Equal([2000L, 4000L], events.Skip(1).Select(e => e.Step));
        Assert.Equal(21.5f, events[1].Scalars["training/mean_reward"]);
        Assert.Equal(37.25f, events[2].Scalars["training/mean_reward"]);
        Assert.Equal(-0.5f, events[2].Scalars["training/policy_loss"]);
        Assert.Equal(0.75f, events[2].Scalars["training/gradient_l2"]);
        Assert.Equal(180.5f, events[2].Scalars["training/mean_episode_length"]);
        Assert.Equal(0.0007f, events[2].Scalars["training/learning_rate"]);
        Assert.Null(events[2].FileVersion);
    }

    [Fact]
    public async Task A_full_disk_is_reported_once_with_the_frames_written_and_closing_does_not_throw()
    {
        var disk = new FillingDisk();
        var reports = new List<string>();
        var files = new ScalarFiles(Path.Combine(_directory, "full"), report => reports.Add(report),
            csv: path => new ScalarsCsvWriter(path, disk.Open()),
            tensorBoard: path => new TensorBoardEventWriter(Path.Combine(path, "events"), disk.Open(), DateTimeOffset.UtcNow));
        files.Write(MonitoredActorSystem.Progress(frames: 2000, meanReward: 10));
        disk.Full = true;
        files.Write(MonitoredActorSystem.Progress(frames: 4000, meanReward: 11));
        files.Write(MonitoredActorSystem.Progress(frames: 6000, meanReward: 12));

        files.Dispose(); // the writers' buffers cannot be flushed either: reported already, not thrown

        var report = Assert.Single(reports);
        Assert.Equal(report, files.Failure);
        Assert.Contains("stopped at 2,000 frames", report);
        Assert.Contains("No space left on device", report);
        Assert.Equal(2, disk.Disposed); // both files closed all the same
    }

    /// <summary>Streams that fail every write, as a full disk does, once <see cref="Full"/> is set.</summary>
    private sealed class FillingDisk
    {
        public volatile bool Full;
        public int Disposed;

        public Stream Open() => new File(this);

        private sealed class File(FillingDisk disk) : MemoryStream
        {
            public override void Write(byte[] buffer, int offset, int count)
            {
                if (disk.Full) throw new IOException("No space left on device");
                base.Write(buffer, offset, count);
            }

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                if (disk.Full) throw new IOException("No space left on device");
                base.Write(buffer);
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) Interlocked.Increment(ref disk.Disposed);
                base.Dispose(disposing);
            }
        }
    }

    [Fact]
    public async Task A_record_whose_frames_have_not_moved_is_written_to_neither_file()
    {
        string eventFile, csv;
        using (var files = new ScalarFiles(_directory, "pong"))
        {
            // A slow learner publishes every second; its frames move only when an update lands.
            files.Write(MonitoredActorSystem.Progress(frames: 2000, meanReward: -21));
            files.Write(MonitoredActorSystem.Progress(frames: 2000, meanReward: -20));
            files.Write(MonitoredActorSystem.Progress(frames: 4000, meanReward: -19));
            files.Write(MonitoredActorSystem.Progress(frames: 4000, meanReward: -18));
            (eventFile, csv) = (files.EventFilePath, files.CsvPath);
        }

        var points = EventFileReader.Read(await File.ReadAllBytesAsync(eventFile)).Skip(1).ToList();
        Assert.Equal([2000L, 4000L], points.Select(e => e.Step));
        Assert.Equal([-21f, -19f], points.Select(e => e.Scalars["training/mean_reward"]));
        var lines = File.ReadAllLines(csv, Encoding.UTF8);
        var header = lines[0].Split(',');
        Assert.Equal(["2000", "4000"], lines.Skip(1).Select(line => Row(header, line)["frames"]));
    }

    [Fact]
    public void A_corrupted_byte_fails_the_crc_check()
    {
        string file;
        using (var files = new ScalarFiles(_directory, "run"))
        {
            files.Write(MonitoredActorSystem.Progress(frames: 100, meanReward: 1));
            file = files.EventFilePath;
        }
        var bytes = File.ReadAllBytes(file);
        bytes[^8] ^= 0x01;

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => EventFileReader.Read(bytes));
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_per_record_with_empty_cells_for_missing_figures()
    {
        string path;
        using (var files = new ScalarFiles(_directory, "run"))
        {
            files.Write(MonitoredActorSystem.Progress(frames: 1500, meanReward: 12.5) with { Last = null });
            files.Write(MonitoredActorSystem.Progress(frames: 3000, meanReward: 0.1));
            path = files.CsvPath;
        }

        Assert.Equal(Path.Combine(_directory, "run", "scalars.csv"), path);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal(TrainingScalar.All.Select(s => s.Name), header);
        var first = Row(header, lines[1]);
        var second = Row(header, lines[2]);
        Assert.Equal("1500", first["frames"]);
        Assert.Equal("12.5", first["mean_reward"]);
        Assert.Equal("", first["policy_loss"]);
        Assert.Equal("180.5", first["mean_episode_length"]);
        Assert.Equal("0.0007", first["learning_rate"]);
        Assert.Equal(0.1, double.Parse(second["mean_reward"], CultureInfo.InvariantCulture));
        Assert.Equal(0.5, double.Parse(second["policy_loss"], CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, string> Row(string[] header, string line)
    {
        var cells = line.Split(',');
        Assert.Equal(header.Length, cells.Length);
        return header.Zip(cells).ToDictionary(pair => pair.First, pair => pair.Second);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
