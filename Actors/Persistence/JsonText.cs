using System.Text.Json;

namespace A3C.Actors.Persistence;

/// <summary>Rejects malformed JSON when it is written, where the mistake is, rather than when a run resumes.</summary>
internal static class JsonText
{
    public static void Validate(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The {what} is not valid JSON: {e.Message}", e);
        }
    }
}
