namespace A3C.Configuration;

/// <summary>Finds keys of a section that no known key accounts for.</summary>
internal static class KnownKeys
{
    /// <param name="known">Full paths that are known; a known path also makes its parent objects known.</param>
    public static void ThrowIfUnknown(Config config, ConfigPath section, IReadOnlySet<ConfigPath> known)
    {
        if (config.Root.Find(section) is not ConfigObject sectionObject) return;
        var unknown = new List<ConfigException>();
        Collect(sectionObject, section, known, unknown);
        if (unknown.Count == 0) return;

        var first = unknown[0];
        var reason = unknown.Count == 1
            ? first.Reason
            : first.Reason + string.Concat(unknown.Skip(1).Select(other => $"{Environment.NewLine}  also: {other.Message}"));
        throw new ConfigException(ToOrigin(first), first.Path, reason);
    }

    private static void Collect(ConfigObject obj, ConfigPath path, IReadOnlySet<ConfigPath> known, List<ConfigException> unknown)
    {
        var knownHere = known
            .Where(k => k.Length > path.Length && k.StartsWith(path))
            .Select(k => k[path.Length])
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in obj.Fields)
        {
            var child = path.Append(key);
            if (known.Contains(child)) continue;
            if (knownHere.Contains(key))
            {
                if (value is ConfigObject nested) Collect(nested, child, known, unknown);
                continue;
            }
            unknown.Add(new ConfigException(value.Origin, child.ToString(),
                $"unknown key \"{key}\"{KeySuggestions.DidYouMean(key, knownHere)}"));
        }
    }

    private static ConfigOrigin? ToOrigin(ConfigException error) =>
        error.File is null ? null : new ConfigOrigin(error.File, error.Line ?? 0);
}
