using A3C.Configuration.Rendering;

namespace A3C.Configuration;

/// <summary>
/// An immutable configuration tree. Substitutions are resolved on first read (against the whole
/// tree, including fallbacks merged before that), so <c>ParseFile(user).WithFallback(reference)</c>
/// lets the user file refer to reference values. Paths are HOCON path expressions (<c>a.b."c.d"</c>).
/// </summary>
public sealed class Config
{
    private static readonly Func<string, string?> ProcessEnvironment = Environment.GetEnvironmentVariable;

    private readonly ConfigObject _unresolved;
    private readonly Lazy<ConfigObject> _resolved;

    internal Config(ConfigObject root, Func<string, string?>? environment = null)
    {
        _unresolved = root;
        var lookup = environment ?? ProcessEnvironment;
        _resolved = new Lazy<ConfigObject>(() => SubstitutionResolver.Resolve(root, lookup));
    }

    public static Config Empty { get; } = new(ConfigObject.Empty(new ConfigOrigin("empty config", 0)));

    /// <summary>The resolved root object.</summary>
    public ConfigObject Root => _resolved.Value;

    /// <summary>The top-level keys, in source order.</summary>
    public IReadOnlyList<string> Keys => Root.Keys;

    public bool IsEmpty => _unresolved.Count == 0;

    /// <summary>Resolves all substitutions now, so errors surface at startup rather than on first read.</summary>
    /// <exception cref="ConfigException">On an unresolved substitution or a cycle.</exception>
    public Config Resolve()
    {
        _ = _resolved.Value;
        return this;
    }

    /// <summary>Resolves with an explicit environment for <c>${?VAR}</c> look-ups (tests, sandboxes).</summary>
    public Config Resolve(Func<string, string?> environment) => new Config(_unresolved, environment).Resolve();

    /// <summary>A config where this one's values win and <paramref name="fallback"/> supplies the rest; objects merge.</summary>
    public Config WithFallback(Config fallback) =>
        fallback.IsEmpty ? this : new Config(ConfigMerge.Merge(_unresolved, fallback._unresolved, ConfigPath.Root));

    /// <summary>
    /// Applies <c>key=value</c> assignments (as given to <c>--set</c>) on top of this config.
    /// Each value is parsed as HOCON; later assignments win.
    /// </summary>
    public Config WithOverrides(IEnumerable<string> assignments) =>
        ConfigFactory.ParseOverrides(assignments).WithFallback(this);

    /// <summary>True when the path holds a value other than null.</summary>
    public bool HasPath(string path) => Root.Find(ConfigPath.Parse(path)) is { Type: not ConfigValueType.Null };

    /// <summary>The resolved value at <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">When the path is missing, naming the closest existing key.</exception>
    public ConfigValue GetValue(string path)
    {
        var parsed = ConfigPath.Parse(path);
        ConfigValue current = Root;
        for (var i = 0; i < parsed.Length; i++)
        {
            var key = parsed[i];
            if (current is not ConfigObject obj)
            {
                throw ValueConversions.Mismatch(current, parsed.Take(i).ToString(),
                    $"an object containing \"{key}\"");
            }
            if (!obj.TryGetValue(key, out current!))
            {
                var section = i == 0 ? "the config" : $"\"{parsed.Take(i)}\"";
                throw new ConfigException(obj.Origin, parsed.ToString(),
                    $"missing required key \"{key}\" in {section}{KeySuggestions.DidYouMean(key, obj.Keys)}");
            }
        }
        return current;
    }

    public string GetString(string path) => ValueConversions.ToStringValue(GetValue(path), path);

    public int GetInt(string path) => ValueConversions.ToInt32(GetValue(path), path);

    public long GetLong(string path) => ValueConversions.ToInt64(GetValue(path), path);

    public double GetDouble(string path) => ValueConversions.ToDouble(GetValue(path), path);

    public bool GetBoolean(string path) => ValueConversions.ToBoolean(GetValue(path), path);

    /// <summary>A duration such as <c>500ms</c>, <c>10s</c> or <c>1 minute</c>; a bare number is milliseconds.</summary>
    public TimeSpan GetDuration(string path) => ValueConversions.ToDuration(GetValue(path), path);

    /// <summary>A size in bytes such as <c>64KiB</c> or <c>10MB</c>; a bare number is bytes.</summary>
    public long GetByteSize(string path) => ValueConversions.ToByteSize(GetValue(path), path);

    public IReadOnlyList<string> GetStringList(string path) =>
        ValueConversions.ToList(GetValue(path), path, ValueConversions.ToStringValue);

    public IReadOnlyList<int> GetIntList(string path) =>
        ValueConversions.ToList(GetValue(path), path, ValueConversions.ToInt32);

    public IReadOnlyList<long> GetLongList(string path) =>
        ValueConversions.ToList(GetValue(path), path, ValueConversions.ToInt64);

    public IReadOnlyList<double> GetDoubleList(string path) =>
        ValueConversions.ToList(GetValue(path), path, ValueConversions.ToDouble);

    /// <summary>The object at <paramref name="path"/> as a config of its own (already resolved).</summary>
    public Config GetConfig(string path) => new(AsObject(GetValue(path), path));

    /// <summary>A list of objects, each as a config of its own.</summary>
    public IReadOnlyList<Config> GetConfigList(string path) =>
        ValueConversions.ToList(GetValue(path), path, (item, itemPath) => new Config(AsObject(item, itemPath)));

    /// <summary>Renders the resolved config as HOCON text that <see cref="ConfigFactory.ParseString"/> reads back.</summary>
    /// <param name="includeOrigins">Precede each field with a <c># file:line</c> comment.</param>
    public string Render(bool includeOrigins = false) => HoconRenderer.RenderRoot(Root, includeOrigins);

    public override string ToString() => Render();

    private static ConfigObject AsObject(ConfigValue value, string path) =>
        value as ConfigObject ?? throw ValueConversions.Mismatch(value, path, "an object");
}
