namespace A3C.Configuration;

/// <summary>An object: keys in the order they were first written, each mapped to a value.</summary>
public sealed class ConfigObject : ConfigValue
{
    private readonly Dictionary<string, ConfigValue> _fields;
    private readonly string[] _keys;
    private readonly bool _isResolved;

    internal ConfigObject(IEnumerable<KeyValuePair<string, ConfigValue>> fields, ConfigOrigin origin) : base(origin)
    {
        _fields = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (_fields.TryAdd(key, value))
            {
                keys.Add(key);
            }
            else
            {
                _fields[key] = value;
            }
        }
        _keys = [.. keys];
        _isResolved = _fields.Values.All(value => value.IsResolved);
    }

    internal static ConfigObject Empty(ConfigOrigin origin) => new([], origin);

    /// <summary>The keys in source order.</summary>
    public IReadOnlyList<string> Keys => _keys;

    public int Count => _keys.Length;

    public ConfigValue this[string key] => _fields[key];

    public bool TryGetValue(string key, out ConfigValue value) => _fields.TryGetValue(key, out value!);

    /// <summary>The fields in source order.</summary>
    public IEnumerable<KeyValuePair<string, ConfigValue>> Fields =>
        _keys.Select(key => new KeyValuePair<string, ConfigValue>(key, _fields[key]));

    public override ConfigValueType Type => ConfigValueType.Object;

    internal override bool IsResolved => _isResolved;

    internal override string Describe() => "object";

    /// <summary>Looks up a path through nested objects; null when any key is absent or not an object.</summary>
    internal ConfigValue? Find(ConfigPath path)
    {
        ConfigValue current = this;
        for (var i = 0; i < path.Length; i++)
        {
            if (current is not ConfigObject obj || !obj.TryGetValue(path[i], out current)) return null;
        }
        return current;
    }
}
