using System.Buffers;
using System.Text;
using System.Text.Json;

namespace A3C.Actors.Training;

/// <summary>
/// Writes the <see cref="CheckpointMetadata"/> of one run's snapshots, which differ only in their
/// mean reward: the config text (a few KB) is escaped once, not on the learner's thread at every
/// checkpoint. The JSON is what <see cref="CheckpointMetadata.Parse"/> reads.
/// </summary>
public sealed class CheckpointMetadataWriter(string config, string mode, string environment)
{
    private static readonly JsonEncodedText ConfigName = Name(nameof(CheckpointMetadata.Config));
    private static readonly JsonEncodedText ModeName = Name(nameof(CheckpointMetadata.Mode));
    private static readonly JsonEncodedText EnvironmentName = Name(nameof(CheckpointMetadata.Environment));
    private static readonly JsonEncodedText MeanRewardName = Name(nameof(CheckpointMetadata.MeanReward));

    private readonly JsonEncodedText _config = JsonEncodedText.Encode(config);
    private readonly JsonEncodedText _mode = JsonEncodedText.Encode(mode);
    private readonly JsonEncodedText _environment = JsonEncodedText.Encode(environment);

    /// <param name="meanReward">Mean return over the reward window; null before the first episode.</param>
    public string ToJson(double? meanReward)
    {
        var buffer = new ArrayBufferWriter<byte>(_config.EncodedUtf8Bytes.Length + 256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(ConfigName, _config);
            json.WriteString(ModeName, _mode);
            json.WriteString(EnvironmentName, _environment);
            if (meanReward is { } reward) json.WriteNumber(MeanRewardName, reward);
            else json.WriteNull(MeanRewardName);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // As JsonSerializerDefaults.Web, which CheckpointMetadata reads with, names them.
    private static JsonEncodedText Name(string property) => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(property));
}
