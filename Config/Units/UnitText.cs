using System.Globalization;

namespace A3C.Configuration;

/// <summary>Splits "10 s" / "64KiB" into the number and the unit name that follows it.</summary>
internal static class UnitText
{
    public static bool TrySplit(string text, out string number, out string unit, out string? error)
    {
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or '-' or '+' or 'e' or 'E')
               && !(text[end] is 'e' or 'E' && !IsExponent(text, end)))
        {
            end++;
        }
        number = text[..end];
        unit = text[end..].Trim();
        if (number.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            error = $"\"{text}\" does not start with a number";
            return false;
        }
        error = null;
        return true;
    }

    // An 'e' is an exponent only when a digit (or sign and digit) follows; otherwise it starts a unit name.
    private static bool IsExponent(string text, int index)
    {
        var next = index + 1;
        if (next < text.Length && text[next] is '+' or '-') next++;
        return next < text.Length && char.IsAsciiDigit(text[next]);
    }
}
