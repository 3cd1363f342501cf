using System.Globalization;

namespace A3C.Configuration;

/// <summary>A number, kept as written so that rendering and integer conversions are exact.</summary>
public sealed class ConfigNumber : ConfigValue
{
    private ConfigNumber(string text, ConfigOrigin origin) : base(origin) => Text = text;

    public string Text { get; }

    public override ConfigValueType Type => ConfigValueType.Number;

    public double ToDouble() => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public bool TryGetInt64(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Recognises JSON-style numbers (<c>-12</c>, <c>3.5</c>, <c>1e-4</c>) in unquoted text.</summary>
    internal static ConfigNumber? TryParse(string text, ConfigOrigin origin) =>
        LooksLikeNumber(text) ? new ConfigNumber(text, origin) : null;

    internal static ConfigNumber FromInt64(long value, ConfigOrigin origin) =>
        new(value.ToString(CultureInfo.InvariantCulture), origin);

    internal override string Describe() => $"number {Text}";

    private static bool LooksLikeNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-') i++;
        var digitsStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i == digitsStart) return false;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fractionStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == fractionStart) return false;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-') i++;
            var exponentStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == exponentStart) return false;
        }
        return i == text.Length;
    }
}
