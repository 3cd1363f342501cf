using System.Globalization;
using System.Text;

namespace A3C.Host.Tests.Monitoring;

/// <summary>One sample line: <c>name{label="value",...} number</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A metric family: its <c># TYPE</c>, <c># HELP</c> and the samples that belong to it.</summary>
public sealed record PrometheusFamily(string Name, string Type, string Help, List<PrometheusSample> Samples);

/// <summary>
/// A strict reader of the Prometheus text format, written independently of the endpoint's writer:
/// it rejects samples outside a declared family, duplicate families, bad escapes and bad numbers.
/// </summary>
public static class PrometheusText
{
    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var rest = line["# HELP ".Length..];
                var space = rest.IndexOf(' ');
                helps[rest[..space]] = rest[(space + 1)..];
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.True(parts.Length == 4, $"line {lineNumber}: bad TYPE line \"{line}\"");
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                Assert.False(families.ContainsKey(parts[2]), $"line {lineNumber}: family {parts[2]} declared twice");
                families[parts[2]] = new PrometheusFamily(parts[2], parts[3], helps.GetValueOrDefault(parts[2], ""), []);
            }
            else if (line.StartsWith('#'))
            {
                continue;
            }
            else
            {
                var sample = ParseSample(line, lineNumber);
                var family = families.Values.SingleOrDefault(f => sample.Name == f.Name ||
                    (f.Type == "histogram" && sample.Name is var n && (n == f.Name + "_bucket" || n == f.Name + "_sum" || n == f.Name + "_count")));
                Assert.True(family is not null, $"line {lineNumber}: sample {sample.Name} has no # TYPE");
                family!.Samples.Add(sample);
            }
        }
        return families;
    }

    private static PrometheusSample ParseSample(string line, int lineNumber)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':')) i++;
        var name = line[..i];
        Assert.False(name.Length == 0 || char.IsAsciiDigit(name[0]), $"line {lineNumber}: bad metric name in \"{line}\"");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var start = i;
                while (line[i] != '=') i++;
                var label = line[start..i];
                Assert.True(line[i + 1] == '"', $"line {lineNumber}: label {label} value is not quoted");
                i += 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"line {lineNumber}: bad escape \\{other}"),
                        });
                    }
                    else value.Append(line[i]);
                    i++;
                }
                i++;
                Assert.False(labels.ContainsKey(label), $"line {lineNumber}: label {label} repeated");
                labels[label] = value.ToString();
                if (line[i] == ',') i++;
            }
            i++;
        }
        Assert.True(line[i] == ' ', $"line {lineNumber}: expected a space before the value in \"{line}\"");
        return new PrometheusSample(name, labels, ParseValue(line[(i + 1)..], lineNumber));
    }

    private static double ParseValue(string text, int lineNumber) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"line {lineNumber}: \"{text}\" is not a number"),
    };
}
