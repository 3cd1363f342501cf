using System.Buffers;
using System.Text;
using System.Text.Json;

namespace A3C.Actors.Persistence;

/// <summary>Rejects malformed JSON when it is written, where the mistake is, rather than when a run resumes.</summary>
internal static class JsonText
{
    public static void Validate(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        // Read through, building nothing: a learner validates its metadata with every checkpoint.
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(utf8.AsSpan(0, Encoding.UTF8.GetBytes(json, utf8)));
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The {what} is not valid JSON: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
