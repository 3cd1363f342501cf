using A3C.Host.Telemetry;

namespace A3C.Host.Tests.Telemetry;

/// <summary>
/// Why <see cref="TensorBoardEventWriter"/> is ours and not TorchSharp's <c>SummaryWriter</c>: its
/// records decode, but its first event is stamped in DateTime ticks, not Unix seconds.
/// </summary>
public sealed class SummaryWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "a3c-summary-writer-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TorchSharp_summary_writer_frames_its_records_well_but_stamps_the_first_event_in_ticks()
    {
        var writer = TorchSharp.torch.utils.tensorboard.SummaryWriter(_directory);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        writer.add_scalar("training/mean_reward", 21.5f, 2000, now);

        var events = EventFileReader.Read(await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(_directory))));

        Assert.Equal(2, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal((2000L, now), (events[1].Step, (long)events[1].WallTime));
        Assert.Equal(21.5f, events[1].Scalars["training/mean_reward"]);
        Assert.True(events[0].WallTime > 1e17,
            $"The file_version event now has wall time {events[0].WallTime} (Unix seconds are about {now}): " +
            "if TorchSharp writes Unix seconds there, its SummaryWriter may replace TensorBoardEventWriter.");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
