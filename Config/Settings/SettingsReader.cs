namespace A3C.Configuration;

/// <summary>
/// Reads keys of one config section and remembers which were read, so that
/// <see cref="ThrowIfUnknownKeys"/> can reject typos (<c>capacty = 10</c>) that would otherwise
/// silently fall back to the default. Errors name the full path, file and line.
/// </summary>
public sealed class SettingsReader
{
    private readonly Config _config;
    private readonly ConfigPath _section;
    private readonly HashSet<ConfigPath> _readPaths;

    /// <exception cref="ConfigException">When the section is missing or not an object.</exception>
    public SettingsReader(Config config, string sectionPath)
        : this(config, ConfigPath.Parse(sectionPath), [])
    {
        _ = config.GetConfig(sectionPath);
    }

    private SettingsReader(Config config, ConfigPath section, HashSet<ConfigPath> readPaths)
    {
        _config = config;
        _section = section;
        _readPaths = readPaths;
    }

    /// <summary>The full path of the section this reader reads.</summary>
    public string SectionPath => _section.ToString();

    /// <summary>True when the key holds a non-null value; the key counts as known either way.</summary>
    public bool HasKey(string key) => _config.HasPath(MarkRead(key));

    public string GetString(string key) => _config.GetString(MarkRead(key));

    public int GetInt(string key) => _config.GetInt(MarkRead(key));

    public long GetLong(string key) => _config.GetLong(MarkRead(key));

    public double GetDouble(string key) => _config.GetDouble(MarkRead(key));

    public bool GetBoolean(string key) => _config.GetBoolean(MarkRead(key));

    public TimeSpan GetDuration(string key) => _config.GetDuration(MarkRead(key));

    public long GetByteSize(string key) => _config.GetByteSize(MarkRead(key));

    public IReadOnlyList<string> GetStringList(string key) => _config.GetStringList(MarkRead(key));

    public IReadOnlyList<int> GetIntList(string key) => _config.GetIntList(MarkRead(key));

    public IReadOnlyList<double> GetDoubleList(string key) => _config.GetDoubleList(MarkRead(key));

    /// <summary>
    /// Reads an enum written in kebab-case or any casing (<c>drop-head</c>, <c>DropHead</c>).
    /// </summary>
    public TEnum GetEnum<TEnum>(string key) where TEnum : struct, Enum
    {
        var entry = _config.Find(MarkRead(key));
        var text = ValueConversions.ToStringValue(entry);
        var wanted = Normalize(text);
        foreach (var name in Enum.GetNames<TEnum>())
        {
            if (Normalize(name) == wanted) return Enum.Parse<TEnum>(name);
        }
        var allowed = Enum.GetNames<TEnum>().Select(ToKebabCase).ToList();
        throw new ConfigException(entry.Origin, entry.Path,
            $"expected one of {string.Join(", ", allowed)} but found {ValueConversions.Describe(entry.Value)}{KeySuggestions.DidYouMean(text, allowed)}");
    }

    /// <summary>A reader for a nested section; its reads count towards this reader's key check.</summary>
    public SettingsReader GetSection(string key)
    {
        var path = _section.Append(ConfigPath.Parse(key));
        _ = _config.GetConfig(path.ToString());
        return new SettingsReader(_config, path, _readPaths);
    }

    /// <summary>
    /// Throws when the section holds keys nothing read, suggesting the closest known key.
    /// Call it after building the settings.
    /// </summary>
    /// <exception cref="ConfigException">Naming the first unknown key's file, line and path, and listing the rest.</exception>
    public void ThrowIfUnknownKeys() => KnownKeys.ThrowIfUnknown(_config, _section, _readPaths);

    /// <summary>
    /// An error about a value that parsed but is not acceptable (out of range, say), naming the
    /// key's file and line: <c>throw reader.Invalid("workers", "a positive integer, got 0")</c>.
    /// </summary>
    public ConfigException Invalid(string key, string expected)
    {
        var path = MarkRead(key);
        return new ConfigException(_config.OriginOf(ConfigPath.Parse(path)), path, $"expected {expected}");
    }

    private string MarkRead(string key)
    {
        var path = _section.Append(ConfigPath.Parse(key));
        _readPaths.Add(path);
        return path.ToString();
    }

    /// <summary>How <paramref name="value"/> is written in a config: <c>A3CData</c> is <c>a3c-data</c>.</summary>
    public static string ConfigName<TEnum>(TEnum value) where TEnum : struct, Enum => ToKebabCase(value.ToString());

    private static string Normalize(string name) => name.Replace("-", "").Replace("_", "").ToUpperInvariant();

    /// <summary>
    /// <c>DropHead</c> becomes <c>drop-head</c> and <c>A3CData</c> <c>a3c-data</c>: a word starts at a
    /// capital that follows a lower-case letter, or that begins a capitalised word after an acronym.
    /// </summary>
    private static string ToKebabCase(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = i > 0 && char.IsUpper(c) &&
                (char.IsLower(name[i - 1]) || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
