namespace A3C.Configuration.Parsing;

/// <summary>
/// A mutable object the parser writes fields into, so that repeated keys merge in place:
/// an object assigned to an object key merges with it, anything else replaces the earlier value.
/// </summary>
internal sealed class ObjectBuilder(ConfigOrigin origin)
{
    // Values are either ObjectBuilder (an object still being written) or ConfigValue.
    private readonly Dictionary<string, object> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public ConfigOrigin Origin { get; } = origin;

    /// <summary>An unresolved value this object's fields are merged over once it is resolved.</summary>
    private ConfigValue? UnresolvedBase { get; init; }

    /// <summary>The object at <paramref name="key"/>, created (replacing a non-object) when needed.</summary>
    public ObjectBuilder GetOrAddObject(string key, ConfigOrigin origin)
    {
        if (_fields.TryGetValue(key, out var existing))
        {
            switch (existing)
            {
                case ObjectBuilder builder:
                    return builder;
                case ConfigObject obj:
                    var fromValue = FromObject(obj);
                    _fields[key] = fromValue;
                    return fromValue;
                case ConfigValue { IsResolved: false } unresolved:
                    // `a = ${base}` then `a { x = 1 }`: the new fields merge over whatever ${base} becomes.
                    var overlay = new ObjectBuilder(origin) { UnresolvedBase = unresolved };
                    _fields[key] = overlay;
                    return overlay;
            }
        }
        var created = new ObjectBuilder(origin);
        Put(key, created);
        return created;
    }

    /// <summary>Assigns a parsed value; objects merge into an existing object, other values override.</summary>
    public void Set(string key, ConfigValue value)
    {
        if (value is ConfigObject obj && _fields.GetValueOrDefault(key) is ObjectBuilder or ConfigObject or ConfigValue { IsResolved: false })
        {
            GetOrAddObject(key, obj.Origin).MergeFrom(obj);
            return;
        }
        Put(key, value);
    }

    /// <summary>The current value at a path below this object, built into an immutable snapshot.</summary>
    public ConfigValue? Find(ConfigPath path)
    {
        object? current = this;
        for (var i = 0; i < path.Length; i++)
        {
            current = current switch
            {
                ObjectBuilder builder => builder._fields.GetValueOrDefault(path[i]),
                ConfigObject obj => obj.TryGetValue(path[i], out var child) ? child : null,
                _ => null,
            };
            if (current is null) return null;
        }
        return current switch
        {
            ObjectBuilder builder => builder.Build(),
            ConfigValue value => value,
            _ => null,
        };
    }

    public ConfigValue Build()
    {
        var obj = new ConfigObject(_keys.Select(key => new KeyValuePair<string, ConfigValue>(key, _fields[key] switch
        {
            ObjectBuilder builder => builder.Build(),
            var value => (ConfigValue)value,
        })), Origin);
        return UnresolvedBase is null ? obj : new ConfigConcatenation([UnresolvedBase, obj], Origin);
    }

    /// <summary>Builds the root of a document, which never has an unresolved base.</summary>
    public ConfigObject BuildRoot() => (ConfigObject)Build();

    private void MergeFrom(ConfigObject obj)
    {
        foreach (var (key, value) in obj.Fields)
        {
            Set(key, value);
        }
    }

    private void Put(string key, object value)
    {
        if (_fields.TryAdd(key, value)) _keys.Add(key);
        else _fields[key] = value;
    }

    private static ObjectBuilder FromObject(ConfigObject obj)
    {
        var builder = new ObjectBuilder(obj.Origin);
        builder.MergeFrom(obj);
        return builder;
    }
}
