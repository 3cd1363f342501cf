using Akka.Configuration.Hocon;
using AkkaConfig = Akka.Configuration.Config;

namespace A3C.Configuration;

/// <summary>
/// An immutable configuration: Akka.NET's <see cref="AkkaConfig"/> read strictly. Getters convert
/// values the way HOCON allows and throw a <see cref="ConfigException"/> naming the key, the file
/// and line it was written on (Akka keeps no positions; the sources' key lines are kept alongside)
/// and what was expected. Paths are HOCON path expressions (<c>a.b."c.d"</c>).
/// </summary>
/// <remarks>
/// Substitutions are resolved when a source is parsed, against that source (Akka's HOCON), so a
/// user file cannot refer to keys that only its fallback defines.
/// </remarks>
public sealed class Config
{
    private readonly AkkaConfig _akka;
    private readonly ConfigPath _at;
    private readonly Func<ConfigPath, ConfigOrigin?> _origins;

    /// <param name="akka">The tree; its root is this config's root.</param>
    /// <param name="at">Where this config's root sits among the paths <paramref name="origins"/> knows.</param>
    /// <param name="origins">Where the key at a full path was written, if known exactly.</param>
    internal Config(AkkaConfig akka, ConfigPath at, Func<ConfigPath, ConfigOrigin?> origins)
    {
        _akka = akka;
        _at = at;
        _origins = origins;
    }

    public static Config Empty { get; } = new(AkkaConfig.Empty, ConfigPath.Root, _ => null);

    /// <summary>The top-level keys.</summary>
    public IReadOnlyList<string> Keys => RootObject?.Items.Keys.ToList() ?? [];

    public bool IsEmpty => _akka.IsEmpty;

    /// <summary>The config as Akka.NET reads it, for handing to Akka (an actor system, say).</summary>
    public AkkaConfig ToAkka() => _akka;

    private HoconObject? RootObject => _akka.Root?.GetObject();

    /// <summary>A config where this one's values win and <paramref name="fallback"/> supplies the rest; objects merge.</summary>
    public Config WithFallback(Config fallback)
    {
        if (fallback.IsEmpty || ReferenceEquals(fallback._akka, _akka)) return this;
        if (IsEmpty) return fallback;
        return new Config(_akka.WithFallback(fallback._akka), ConfigPath.Root, path => ExactOrigin(path) ?? fallback.ExactOrigin(path));
    }

    /// <summary>
    /// Applies <c>key=value</c> assignments (as given to <c>--set</c>) on top of this config.
    /// Each value is parsed as HOCON; later assignments win.
    /// </summary>
    public Config WithOverrides(IEnumerable<string> assignments) =>
        ConfigFactory.ParseOverrides(assignments).WithFallback(this);

    /// <summary>True when the path holds a value other than null.</summary>
    public bool HasPath(string path) => TryFind(ConfigPath.Parse(path)) is { } value && ValueConversions.KindOf(value) != ValueKind.Null;

    public string GetString(string path) => ValueConversions.ToStringValue(Find(path));

    public int GetInt(string path) => ValueConversions.ToInt32(Find(path));

    public long GetLong(string path) => ValueConversions.ToInt64(Find(path));

    public double GetDouble(string path) => ValueConversions.ToDouble(Find(path));

    public bool GetBoolean(string path) => ValueConversions.ToBoolean(Find(path));

    /// <summary>A duration such as <c>500ms</c>, <c>10s</c> or <c>1 minute</c>; a bare number is milliseconds.</summary>
    public TimeSpan GetDuration(string path) => ValueConversions.ToDuration(Find(path));

    /// <summary>A size in bytes such as <c>64KiB</c> or <c>10MB</c>; a bare number is bytes.</summary>
    public long GetByteSize(string path) => ValueConversions.ToByteSize(Find(path));

    public IReadOnlyList<string> GetStringList(string path) => ValueConversions.ToList(Find(path), ValueConversions.ToStringValue);

    public IReadOnlyList<int> GetIntList(string path) => ValueConversions.ToList(Find(path), ValueConversions.ToInt32);

    public IReadOnlyList<long> GetLongList(string path) => ValueConversions.ToList(Find(path), ValueConversions.ToInt64);

    public IReadOnlyList<double> GetDoubleList(string path) => ValueConversions.ToList(Find(path), ValueConversions.ToDouble);

    /// <summary>The object at <paramref name="path"/> as a config of its own.</summary>
    public Config GetConfig(string path)
    {
        var parsed = ConfigPath.Parse(path);
        var entry = Find(parsed);
        return entry.Kind == ValueKind.Object
            ? new Config(new AkkaConfig(new HoconRoot(entry.Value)), _at.Append(parsed), _origins)
            : throw ValueConversions.Mismatch(entry, "an object");
    }

    /// <summary>A list of objects, each as a config of its own (its keys placed at the list's line).</summary>
    public IReadOnlyList<Config> GetConfigList(string path) =>
        ValueConversions.ToList(Find(path), item => item.Kind == ValueKind.Object
            ? new Config(new AkkaConfig(new HoconRoot(item.Value)), ConfigPath.Root, _ => item.Origin)
            : throw ValueConversions.Mismatch(item, "an object"));

    /// <summary>Where the key at <paramref name="path"/> (or, failing that, the nearest object above it) was written.</summary>
    public ConfigOrigin? OriginOf(string path) => OriginOf(ConfigPath.Parse(path));

    /// <summary>Renders the config as HOCON text that <see cref="ConfigFactory.ParseString"/> reads back.</summary>
    public string Render() => ConfigRenderer.Render(_akka.Root);

    public override string ToString() => Render();

    // ---- for the settings layer ----------------------------------------------------------------

    internal ConfigOrigin? OriginOf(ConfigPath path)
    {
        for (var current = path; ; current = current.Parent)
        {
            if (ExactOrigin(current) is { } origin) return origin;
            if (current.IsRoot) return null;
        }
    }

    private ConfigOrigin? ExactOrigin(ConfigPath path) => _origins(_at.Append(path));

    /// <summary>The value at <paramref name="path"/>, or null when a key on the way is missing or not an object.</summary>
    internal HoconValue? TryFind(ConfigPath path)
    {
        var current = _akka.Root;
        for (var i = 0; i < path.Length && current is not null; i++)
        {
            current = current.GetObject()?.GetKey(path[i]);
        }
        return current;
    }

    /// <summary>The object at <paramref name="path"/>, or null.</summary>
    internal HoconObject? FindObject(ConfigPath path) => TryFind(path)?.GetObject();

    internal ConfigEntry Find(string path) => Find(ConfigPath.Parse(path));

    /// <exception cref="ConfigException">When the path is missing, naming the closest existing key.</exception>
    internal ConfigEntry Find(ConfigPath path)
    {
        var current = _akka.Root ?? new HoconValue();
        for (var i = 0; i < path.Length; i++)
        {
            var key = path[i];
            var above = path.Take(i);
            if (current.GetObject() is not { } obj)
            {
                throw ValueConversions.Mismatch(new ConfigEntry(current, above.ToString(), OriginOf(above)), $"an object containing \"{key}\"");
            }
            current = obj.GetKey(key);
            if (current is null)
            {
                var section = i == 0 ? "the config" : $"\"{above}\"";
                throw new ConfigException(OriginOf(above), path.ToString(),
                    $"missing required key \"{key}\" in {section}{KeySuggestions.DidYouMean(key, obj.Items.Keys)}");
            }
        }
        return new ConfigEntry(current, path.ToString(), OriginOf(path));
    }
}
