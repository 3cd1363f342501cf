using A3C.Actors.Persistence;

namespace A3C.Actors.Tests.Persistence;

/// <summary>Snapshots filled with seeded random bytes, so every test run sees the same data.</summary>
internal static class TestSnapshots
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public static Snapshot Create(string run, long sequenceNr, params (string Name, int Bytes)[] blobs)
    {
        var random = new Random(unchecked((int)sequenceNr * 7919 + run.Length));
        var data = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var (name, bytes) in blobs)
        {
            var buffer = new byte[bytes];
            random.NextBytes(buffer);
            data.Add(name, buffer);
        }

        return new Snapshot(
            run,
            sequenceNr,
            Epoch.AddMinutes(sequenceNr),
            new SnapshotCounters(Updates: sequenceNr, Frames: sequenceNr * 1000, Episodes: sequenceNr * 3),
            $$"""{"config":"lr = 0.0007","rng":[{{sequenceNr}},42]}""",
            data);
    }

    /// <summary>A small snapshot whose metadata records <paramref name="meanReward"/>, as a learner's does.</summary>
    public static Snapshot Rewarded(string run, long sequenceNr, double? meanReward) => Small(run, sequenceNr) with
    {
        MetadataJson = $$"""{"config":"lr = 0.0007","meanReward":{{(meanReward is { } reward ? reward.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}}}""",
    };

    /// <summary>A small snapshot with the blob names the learner uses.</summary>
    public static Snapshot Small(string run, long sequenceNr) =>
        Create(run, sequenceNr, ("weights", 4096), ("optimizer", 8192), ("normalizer", 64));

    public static void AssertBitExact(Snapshot expected, Snapshot actual)
    {
        Assert.Equal(expected.Run, actual.Run);
        Assert.Equal(expected.SequenceNr, actual.SequenceNr);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Counters, actual.Counters);
        Assert.Equal(expected.MetadataJson, actual.MetadataJson);
        Assert.Equal(expected.Blobs.Keys.Order(StringComparer.Ordinal), actual.Blobs.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, data) in expected.Blobs)
        {
            Assert.True(data.Span.SequenceEqual(actual.Blobs[name].Span), $"blob '{name}' differs after the round trip");
        }
    }
}
