using System.Text;

namespace A3C.Configuration;

/// <summary>
/// A parsed path expression such as <c>a3c.actor."my.key"</c>: a sequence of keys.
/// Quoted segments may contain dots; unquoted dots separate keys.
/// </summary>
internal sealed class ConfigPath : IEquatable<ConfigPath>
{
    public static readonly ConfigPath Root = new([]);

    private readonly string[] _keys;
    private string? _rendered;

    private ConfigPath(string[] keys) => _keys = keys;

    public int Length => _keys.Length;

    public string this[int index] => _keys[index];

    public bool IsRoot => _keys.Length == 0;

    public string Last => _keys[^1];

    public ConfigPath Parent => new(_keys[..^1]);

    public static ConfigPath Of(params string[] keys) => keys.Length == 0 ? Root : new(keys);

    public ConfigPath Append(string key) => new([.. _keys, key]);

    public ConfigPath Append(ConfigPath tail) => tail.IsRoot ? this : IsRoot ? tail : new([.. _keys, .. tail._keys]);

    /// <summary>The first <paramref name="count"/> keys.</summary>
    public ConfigPath Take(int count) => count == Length ? this : count == 0 ? Root : new(_keys[..count]);

    /// <summary>The keys after the first <paramref name="count"/>.</summary>
    public ConfigPath Skip(int count) => count == 0 ? this : new(_keys[count..]);

    public bool StartsWith(ConfigPath prefix)
    {
        if (prefix.Length > Length) return false;
        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(_keys[i], prefix._keys[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>Parses a path expression as used by the getters and in <c>${...}</c>.</summary>
    /// <exception cref="ConfigException">On an empty segment or an unterminated quote.</exception>
    public static ConfigPath Parse(string expression, ConfigOrigin? origin = null)
    {
        var builder = new ConfigPathBuilder();
        var text = expression.Trim();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                var end = i + 1;
                var quoted = new StringBuilder();
                while (end < text.Length && text[end] != '"')
                {
                    if (text[end] == '\\' && end + 1 < text.Length) end++;
                    quoted.Append(text[end]);
                    end++;
                }
                if (end >= text.Length)
                {
                    throw new ConfigException(origin, expression, "unterminated quote in path expression");
                }
                builder.AppendQuoted(quoted.ToString());
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf('"', i);
                if (end < 0) end = text.Length;
                builder.AppendUnquoted(text[i..end], origin);
                i = end;
            }
        }
        return builder.Build(expression, origin);
    }

    /// <summary>Renders the path so that <see cref="Parse"/> reads it back, quoting keys that need it.</summary>
    public override string ToString() => _rendered ??= string.Join('.', _keys.Select(RenderKey));

    public static string RenderKey(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? key
            : Quote(key);

    /// <summary>A HOCON quoted string: JSON escapes for quotes, backslashes and control characters.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                case < ' ': quoted.Append($"\\u{(int)c:x4}"); break;
                default: quoted.Append(c); break;
            }
        }
        return quoted.Append('"').ToString();
    }

    public bool Equals(ConfigPath? other) =>
        other is not null && _keys.AsSpan().SequenceEqual(other._keys);

    public override bool Equals(object? obj) => Equals(obj as ConfigPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var key in _keys) hash.Add(key, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}

/// <summary>Accumulates path keys from unquoted pieces (split on dots) and quoted pieces (taken whole).</summary>
internal sealed class ConfigPathBuilder
{
    private readonly List<string> _keys = [];
    private readonly StringBuilder _current = new();
    private bool _currentHasText;

    public void AppendUnquoted(string text, ConfigOrigin? origin)
    {
        foreach (var c in text)
        {
            if (c == '.')
            {
                FinishKey(text, origin);
            }
            else
            {
                _current.Append(c);
                _currentHasText = true;
            }
        }
    }

    public void AppendQuoted(string text)
    {
        _current.Append(text);
        _currentHasText = true;
    }

    public ConfigPath Build(string expression, ConfigOrigin? origin)
    {
        FinishKey(expression, origin);
        return ConfigPath.Of([.. _keys]);
    }

    private void FinishKey(string expression, ConfigOrigin? origin)
    {
        if (!_currentHasText)
        {
            throw new ConfigException(origin, expression,
                "expected a key between dots but found an empty segment (quote keys that contain dots)");
        }
        _keys.Add(_current.ToString());
        _current.Clear();
        _currentHasText = false;
    }
}
