namespace A3C.Configuration;

/// <summary>
/// The HOCON merge rule shared by duplicate keys and <see cref="Config.WithFallback"/>:
/// two objects merge key by key, otherwise the preferred value wins. A preferred value that
/// still refers to the value beneath it (<c>a = ${?a} [x]</c>, <c>a += x</c>, <c>a = ${?ENV}</c>)
/// is given that value now, so the reference works across files.
/// </summary>
internal static class ConfigMerge
{
    public static ConfigObject Merge(ConfigObject preferred, ConfigObject fallback, ConfigPath path)
    {
        if (fallback.Count == 0) return preferred;
        if (preferred.Count == 0) return fallback;

        // Keys keep the fallback's order (the base layout), with keys only the preferred side has after them.
        var merged = new List<KeyValuePair<string, ConfigValue>>(preferred.Count + fallback.Count);
        foreach (var (key, beneath) in fallback.Fields)
        {
            merged.Add(new(key, preferred.TryGetValue(key, out var value)
                ? Merge(value, beneath, path.Append(key))
                : beneath));
        }
        foreach (var (key, value) in preferred.Fields)
        {
            if (!fallback.TryGetValue(key, out _)) merged.Add(new(key, value));
        }
        return new ConfigObject(merged, preferred.Origin);
    }

    public static ConfigValue Merge(ConfigValue preferred, ConfigValue fallback, ConfigPath path) =>
        preferred switch
        {
            ConfigObject obj when fallback is ConfigObject beneath => Merge(obj, beneath, path),
            // The fallback's object is not known until resolution (`a = ${base}`): merge over it then.
            ConfigObject obj when !fallback.IsResolved => new ConfigConcatenation([fallback, obj], obj.Origin),
            ConfigSubstitution or ConfigConcatenation =>
                SelfReferences.Replace(preferred, path, fallback),
            _ => preferred,
        };
}
