using A3C.Actors.Persistence;
using A3C.Actors.Training;

namespace A3C.Training.Tests;

/// <summary>The metadata a learner writes with every snapshot reads back as what was written.</summary>
public sealed class CheckpointMetadataTests
{
    // Quotes, backslashes, newlines, a tab, non-ASCII and HTML-sensitive characters: everything the escaping must get right.
    private const string Config = "a3c {\n  training.mode = a2c\t# \"quoted\" \\ back\\slash\n  name = \"Pendule ü <b>&</b> 振り子\"\n}\n";

    [Theory]
    [InlineData(null)]
    [InlineData(-20.5)]
    [InlineData(487.12345678901234)]
    [InlineData(double.Epsilon)]
    public void Written_metadata_parses_back_to_the_same_values(double? meanReward)
    {
        var writer = new CheckpointMetadataWriter(Config, "A3CData", "CartPole-v1");

        var parsed = CheckpointMetadata.Parse(SnapshotWith(writer.ToJson(meanReward)));

        Assert.Equal(new CheckpointMetadata(Config, "A3CData", "CartPole-v1", meanReward), parsed);
    }

    [Fact]
    public void Each_snapshot_carries_its_own_mean_reward()
    {
        var writer = new CheckpointMetadataWriter(Config, "A2C", "CartPole-v1");
        var first = writer.ToJson(10);

        Assert.Equal(20, CheckpointMetadata.Parse(SnapshotWith(writer.ToJson(20))).MeanReward);
        Assert.Equal(10, CheckpointMetadata.Parse(SnapshotWith(first)).MeanReward);
    }

    [Fact]
    public void Metadata_without_a_config_is_refused_naming_the_snapshot()
    {
        var error = Assert.Throws<PersistenceException>(() => CheckpointMetadata.Parse(SnapshotWith("""{"mode":"A2C"}""")));

        Assert.Contains("snapshot 7 of run 'metadata'", error.Message);
        Assert.Contains("\"config\"", error.Message);
    }

    private static Snapshot SnapshotWith(string metadataJson) =>
        new("metadata", 7, DateTimeOffset.UnixEpoch, new SnapshotCounters(7, 70, 1), metadataJson, new Dictionary<string, ReadOnlyMemory<byte>>());
}
