namespace A3C.Configuration;

/// <summary>Suggests the known key closest to a misspelt one, by edit distance.</summary>
internal static class KeySuggestions
{
    /// <summary>The closest candidate within a typo-sized distance, or null.</summary>
    public static string? ClosestTo(string key, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(key, candidate);
            // About one edit in three characters still reads as a typo rather than another word.
            var allowed = Math.Max(2, Math.Max(key.Length, candidate.Length) / 3);
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>" (did you mean \"x\"?)" or an empty string.</summary>
    public static string DidYouMean(string key, IEnumerable<string> candidates) =>
        ClosestTo(key, candidates) is { } suggestion ? $"; did you mean \"{suggestion}\"?" : "";

    /// <summary>Levenshtein distance with two rolling rows.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
