using A3C.Actors.Persistence.Checkpoints;
using A3C.Actors.Training;

namespace A3C.Training.Tests;

/// <summary>The metadata of a checkpoint reads back as what the learner stored, through the snapshot's binary form.</summary>
public sealed class CheckpointMetadataTests
{
    // Quotes, backslashes, newlines, a tab, non-ASCII and HTML-sensitive characters: everything an encoding must get right.
    private const string Config = "a3c {\n  training.mode = a2c\t# \"quoted\" \\ back\\slash\n  name = \"Pendule ü <b>&</b> 振り子\"\n}\n";

    [Theory]
    [InlineData(null)]
    [InlineData(-20.5)]
    [InlineData(487.12345678901234)]
    [InlineData(double.Epsilon)]
    public void Stored_metadata_reads_back_as_the_same_values(double? meanReward)
    {
        var state = new LearnerState(7, 70, 1, meanReward, DateTimeOffset.UnixEpoch, "A3CData", "CartPole-v1", Config, [1, 2], [3], []);

        var decoded = Assert.IsType<LearnerState>(CheckpointEncoding.Decode(CheckpointEncoding.Encode(state).Bytes));

        Assert.Equal(new CheckpointMetadata(Config, "A3CData", "CartPole-v1", meanReward), CheckpointMetadata.Of(decoded));
    }
}
