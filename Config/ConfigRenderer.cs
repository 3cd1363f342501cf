using System.Globalization;
using System.Text;
using Akka.Configuration.Hocon;

namespace A3C.Configuration;

/// <summary>
/// Writes a config as HOCON that reads back to the same values; a run's snapshots store its config
/// this way. Akka's own <c>ToString()</c> does not do: it drops empty strings and nulls and does
/// not escape quotes.
/// </summary>
internal static class ConfigRenderer
{
    private const string Indent = "    ";

    public static string Render(HoconValue? root)
    {
        var text = new StringBuilder();
        if (root?.GetObject() is { } obj) RenderFields(text, obj, 0);
        return text.ToString();
    }

    private static string Indentation(int depth) => string.Concat(Enumerable.Repeat(Indent, depth));

    private static void RenderFields(StringBuilder text, HoconObject obj, int depth)
    {
        foreach (var (key, value) in obj.Items)
        {
            text.Append(Indentation(depth)).Append(ConfigPath.RenderKey(key));
            if (ValueConversions.KindOf(value) == ValueKind.Object)
            {
                var fields = value.GetObject().Items;
                if (fields.Count == 0)
                {
                    text.Append(" {}\n");
                    continue;
                }
                text.Append(" {\n");
                RenderFields(text, value.GetObject(), depth + 1);
                text.Append(Indentation(depth)).Append("}\n");
            }
            else
            {
                text.Append(" = ");
                RenderValue(text, value);
                text.Append('\n');
            }
        }
    }

    private static void RenderValue(StringBuilder text, HoconValue value)
    {
        switch (ValueConversions.KindOf(value))
        {
            case ValueKind.Null:
                text.Append("null");
                break;
            case ValueKind.Object:
                text.Append("{ ");
                var first = true;
                foreach (var (key, field) in value.GetObject().Items)
                {
                    if (!first) text.Append(", ");
                    first = false;
                    text.Append(ConfigPath.RenderKey(key)).Append(" = ");
                    RenderValue(text, field);
                }
                text.Append(first ? "}" : " }");
                break;
            case ValueKind.List:
                text.Append('[');
                var items = ValueConversions.Items(value);
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    RenderValue(text, items[i]);
                }
                text.Append(']');
                break;
            default:
                var scalar = value.GetString();
                var bare = scalar is "true" or "false"
                    || (double.TryParse(scalar, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && scalar.Trim() == scalar
                        && scalar.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E'));
                text.Append(bare ? scalar : ConfigPath.Quote(scalar));
                break;
        }
    }
}
