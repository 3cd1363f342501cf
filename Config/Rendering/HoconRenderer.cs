using System.Text;

namespace A3C.Configuration.Rendering;

/// <summary>
/// Writes a config tree back as HOCON that parses to the same values, so a run can store
/// the configuration it started with. Strings are always quoted; origins can be kept as comments.
/// </summary>
internal sealed class HoconRenderer
{
    private const string Indent = "    ";

    private readonly StringBuilder _out = new();
    private readonly bool _includeOrigins;

    private HoconRenderer(bool includeOrigins) => _includeOrigins = includeOrigins;

    public static string Render(ConfigValue value, bool includeOrigins = false)
    {
        var renderer = new HoconRenderer(includeOrigins);
        renderer.WriteValue(value, depth: 0);
        return renderer._out.ToString();
    }

    /// <summary>Renders a root object as top-level fields, without enclosing braces.</summary>
    public static string RenderRoot(ConfigObject root, bool includeOrigins)
    {
        var renderer = new HoconRenderer(includeOrigins);
        renderer.WriteFields(root, depth: 0);
        return renderer._out.ToString();
    }

    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case < ' ': builder.Append($"\\u{(int)c:x4}"); break;
                default: builder.Append(c); break;
            }
        }
        return builder.Append('"').ToString();
    }

    private void WriteFields(ConfigObject obj, int depth)
    {
        foreach (var (key, value) in obj.Fields)
        {
            if (_includeOrigins) WriteIndent(depth).Append("# ").Append(value.Origin).Append('\n');
            WriteIndent(depth).Append(ConfigPath.RenderKey(key)).Append(value is ConfigObject ? " " : " = ");
            WriteValue(value, depth);
            _out.Append('\n');
        }
    }

    private void WriteValue(ConfigValue value, int depth)
    {
        switch (value)
        {
            case ConfigObject obj when obj.Count == 0:
                _out.Append("{}");
                break;
            case ConfigObject obj:
                _out.Append("{\n");
                WriteFields(obj, depth + 1);
                WriteIndent(depth).Append('}');
                break;
            case ConfigList list when list.Items.All(item => item is not (ConfigObject or ConfigList)):
                _out.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (i > 0) _out.Append(", ");
                    WriteValue(list.Items[i], depth);
                }
                _out.Append(']');
                break;
            case ConfigList list:
                _out.Append("[\n");
                foreach (var item in list.Items)
                {
                    WriteIndent(depth + 1);
                    WriteValue(item, depth + 1);
                    _out.Append('\n');
                }
                WriteIndent(depth).Append(']');
                break;
            case ConfigString s:
                _out.Append(Quote(s.Value));
                break;
            case ConfigNumber n:
                _out.Append(n.Text);
                break;
            case ConfigBoolean b:
                _out.Append(b.Value ? "true" : "false");
                break;
            case ConfigNull:
                _out.Append("null");
                break;
            case ConfigSubstitution substitution:
                _out.Append("${").Append(substitution.IsOptional ? "?" : "").Append(substitution.Expression).Append('}');
                break;
            case ConfigConcatenation concatenation:
                foreach (var piece in concatenation.Pieces) WriteValue(piece, depth);
                break;
        }
    }

    private StringBuilder WriteIndent(int depth)
    {
        for (var i = 0; i < depth; i++) _out.Append(Indent);
        return _out;
    }
}
