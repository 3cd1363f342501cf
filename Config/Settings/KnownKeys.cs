namespace A3C.Configuration;

/// <summary>Finds keys of a section that no known key accounts for.</summary>
internal static class KnownKeys
{
    /// <param name="known">Full paths that are known; a known path also makes its parent objects known.</param>
    public static void ThrowIfUnknown(Config config, ConfigPath section, IReadOnlySet<ConfigPath> known)
    {
        if (config.FindObject(section) is null) return;
        var unknown = new List<ConfigException>();
        Collect(config, section, known, unknown);
        if (unknown.Count == 0) return;

        var first = unknown[0];
        var reason = unknown.Count == 1
            ? first.Reason
            : first.Reason + string.Concat(unknown.Skip(1).Select(other => $"{Environment.NewLine}  also: {other.Message}"));
        throw new ConfigException(ToOrigin(first), first.Path, reason);
    }

    /// <summary>Every leaf path under <paramref name="section"/> (values and empty objects), as a schema.</summary>
    public static IEnumerable<ConfigPath> Leaves(Config config, ConfigPath section)
    {
        var obj = config.FindObject(section);
        if (obj is null || obj.Items.Count == 0)
        {
            yield return section;
            yield break;
        }
        foreach (var key in obj.Items.Keys)
        {
            foreach (var leaf in Leaves(config, section.Append(key))) yield return leaf;
        }
    }

    private static void Collect(Config config, ConfigPath path, IReadOnlySet<ConfigPath> known, List<ConfigException> unknown)
    {
        var knownHere = known
            .Where(k => k.Length > path.Length && k.StartsWith(path))
            .Select(k => k[path.Length])
            .ToHashSet(StringComparer.Ordinal);
        foreach (var key in config.FindObject(path)!.Items.Keys)
        {
            var child = path.Append(key);
            if (known.Contains(child)) continue;
            if (knownHere.Contains(key))
            {
                if (config.FindObject(child) is not null) Collect(config, child, known, unknown);
                continue;
            }
            unknown.Add(new ConfigException(config.OriginOf(child), child.ToString(),
                $"unknown key \"{key}\"{KeySuggestions.DidYouMean(key, knownHere)}"));
        }
    }

    private static ConfigOrigin? ToOrigin(ConfigException error) =>
        error.File is null ? null : new ConfigOrigin(error.File, error.Line ?? 0);
}
