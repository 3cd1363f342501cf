using System.Text.Json;
using A3C.Actors.Persistence;

namespace A3C.Actors.Training;

/// <summary>
/// What a learner snapshot says about itself beside its counters: the config that started the run
/// (so <c>--resume</c> needs no config file), the mode, and the mean reward at that moment.
/// <see cref="CheckpointMetadataWriter"/> writes it.
/// </summary>
/// <param name="MeanReward">Mean return over the reward window; null before the first episode.</param>
public sealed record CheckpointMetadata(string Config, string Mode, string Environment, double? MeanReward)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="PersistenceException">The metadata is not a learner's.</exception>
    public static CheckpointMetadata Parse(Snapshot snapshot)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckpointMetadata>(snapshot.MetadataJson, Json) is { Config: not null } metadata
                ? metadata
                : throw new JsonException("the \"config\" field is missing");
        }
        catch (JsonException e)
        {
            throw new PersistenceException(
                $"snapshot {snapshot.SequenceNr} of run '{snapshot.Run}' has no learner metadata: {e.Message}", e);
        }
    }
}
