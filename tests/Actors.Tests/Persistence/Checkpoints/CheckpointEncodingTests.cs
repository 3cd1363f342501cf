using A3C.Actors.Persistence.Checkpoints;

namespace A3C.Actors.Tests.Persistence.Checkpoints;

public sealed class CheckpointEncodingTests
{
    [Fact]
    public void A_state_decodes_bit_exact_with_its_reward_absent_or_present()
    {
        foreach (var state in new[] { TestStates.Learner(7), TestStates.Learner(8, meanReward: -21.25) })
        {
            var encoded = CheckpointEncoding.Encode(state);
            TestStates.AssertSame(state, Assert.IsType<LearnerState>(CheckpointEncoding.Decode(encoded.Bytes)));
        }
    }

    [Fact]
    public void The_checksum_is_the_sha256_the_trailer_holds()
    {
        var encoded = CheckpointEncoding.Encode(TestStates.Learner(3));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(encoded.Bytes.AsSpan(0, encoded.Bytes.Length - 32)), encoded.Checksum);
        Assert.Equal(encoded.Checksum, encoded.Bytes[^32..]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(-1)]
    public void A_flipped_byte_anywhere_reads_as_damaged(int offset)
    {
        var bytes = CheckpointEncoding.Encode(TestStates.Learner(5)).Bytes;
        var at = offset < 0 ? bytes.Length + offset : offset;
        bytes[at] ^= 0x40;
        var damaged = Assert.IsType<DamagedCheckpoint>(CheckpointEncoding.Decode(bytes));
        Assert.Contains("SHA-256 does not match", damaged.Problem);
    }

    [Fact]
    public void A_truncated_snapshot_reads_as_damaged_never_throws()
    {
        var bytes = CheckpointEncoding.Encode(TestStates.Learner(5)).Bytes;
        Assert.IsType<DamagedCheckpoint>(CheckpointEncoding.Decode(bytes[..(bytes.Length / 2)]));
        Assert.Contains("too short", Assert.IsType<DamagedCheckpoint>(CheckpointEncoding.Decode(bytes[..10])).Problem);
    }
}
