using System.Text;
using System.Text.RegularExpressions;
using Akka.Configuration.Hocon;
using AkkaConfig = Akka.Configuration.Config;
using AkkaFactory = Akka.Configuration.ConfigurationFactory;

namespace A3C.Configuration.Text;

/// <summary>
/// Reads one HOCON source with Akka.NET's parser: the text is checked by <see cref="HoconScanner"/>
/// first, its includes are read the same way, substitutions Akka cannot take are settled here
/// (<c>${?VAR}</c> and environment variables, which Akka's parser does not read, and
/// self-references and cycles, on which it overflows the stack), and whatever Akka still throws
/// becomes a <see cref="ConfigException"/> naming the source.
/// </summary>
internal static partial class HoconSource
{
    /// <param name="name">Names the source in messages (the path as the user gave it, or a label).</param>
    /// <param name="filePath">The file's full path, or null for text: includes are then read relative to the current directory.</param>
    public static (AkkaConfig Config, SourceMap Map) Parse(string text, string name, string? filePath, Func<string, string?> environment) =>
        Parse(text, name, filePath, environment, filePath is null ? [] : [filePath]);

    private static (AkkaConfig Config, SourceMap Map) Parse(
        string text, string name, string? filePath, Func<string, string?> environment, IReadOnlyList<string> includeChain)
    {
        text = Normalize(text);
        var map = HoconScanner.Scan(text, name);

        // Akka asks for each include by name, in order; each is read (and checked) beforehand.
        var included = new Dictionary<string, Queue<HoconRoot>>(StringComparer.Ordinal);
        foreach (var include in map.Includes)
        {
            var (root, includedMap) = ReadInclude(include, filePath, environment, includeChain);
            if (include.Prefix is not null) map.AddIncluded(includedMap, include);
            if (!included.TryGetValue(include.Name, out var queue)) included[include.Name] = queue = new Queue<HoconRoot>();
            queue.Enqueue(root);
        }

        var references = map.Substitutions.Where(s => map.Defines(s.Path)).ToList();
        CheckSelfReferencesAndCycles(references);
        var akkaText = Settle(text, map, references.ToHashSet(), environment);
        try
        {
            var config = AkkaFactory.ParseString(akkaText, includeName =>
                included.TryGetValue(includeName, out var queue) && queue.Count > 0
                    ? queue.Dequeue()
                    : throw new ConfigException(new ConfigOrigin(name, 0), null, $"include \"{includeName}\" was not read beforehand"));
            return (config, map);
        }
        catch (ConfigException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw FromAkka(e, akkaText, map);
        }
    }

    /// <summary>Line ends as <c>\n</c> and no byte order mark, so lines count the same for the scanner and Akka.</summary>
    private static string Normalize(string text)
    {
        if (text.StartsWith('\uFEFF')) text = text[1..];
        return text.Contains('\r') ? text.Replace("\r\n", "\n") : text;
    }

    private static (HoconRoot Root, SourceMap Map) ReadInclude(
        Include include, string? includingFile, Func<string, string?> environment, IReadOnlyList<string> chain)
    {
        var directory = includingFile is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(includingFile)!;
        var fullPath = Path.GetFullPath(Path.Combine(directory, include.Name));
        if (chain.Contains(fullPath, StringComparer.Ordinal))
        {
            var cycle = chain.SkipWhile(file => file != fullPath).Append(fullPath).Select(Path.GetFileName);
            throw new ConfigException(include.Origin, null, $"include cycle: {string.Join(" -> ", cycle)}");
        }
        if (!File.Exists(fullPath))
        {
            throw new ConfigException(include.Origin, null, $"included file \"{include.Name}\" does not exist (looked for {fullPath})");
        }
        var (config, map) = Parse(File.ReadAllText(fullPath), fullPath, fullPath, environment, [.. chain, fullPath]);
        // Substitutions of the included file are already resolved against it. Handing them back
        // would have Akka resolve them again under the include's prefix, which fails at the root.
        return (new HoconRoot(config.Root), map);
    }

    /// <summary>
    /// Akka's parser resolves <c>a = ${a}</c>, <c>a { b = ${a} }</c> and cycles to values that
    /// refer to themselves, and the first read of one overflows the stack. Refused here instead.
    /// </summary>
    private static void CheckSelfReferencesAndCycles(List<Substitution> references)
    {
        foreach (var reference in references)
        {
            if (reference.Field is { } field && Overlaps(field, reference.Path))
            {
                throw new ConfigException(reference.Origin, field.ToString(),
                    $"{reference} refers to the field it sets: Akka.NET's HOCON cannot build a value from itself (or an earlier value of itself); write the value out in full");
            }
        }

        var done = new HashSet<Substitution>();
        var trail = new List<Substitution>();
        foreach (var reference in references) Visit(reference);

        void Visit(Substitution current)
        {
            if (done.Contains(current)) return;
            var at = trail.IndexOf(current);
            if (at >= 0)
            {
                var cycle = trail.Skip(at).Select(s => s.Field!.ToString()).Append(current.Field!.ToString());
                throw new ConfigException(current.Origin, current.Field!.ToString(), $"substitution cycle: {string.Join(" -> ", cycle)}");
            }
            if (current.Field is null) return;
            trail.Add(current);
            foreach (var next in references.Where(r => r.Field is { } f && Overlaps(f, current.Path))) Visit(next);
            trail.RemoveAt(trail.Count - 1);
            done.Add(current);
        }
    }

    private static bool Overlaps(ConfigPath a, ConfigPath b) => a.StartsWith(b) || b.StartsWith(a);

    /// <summary>
    /// The text Akka parses. A substitution of a path this source defines stays (without its '?',
    /// which Akka cannot read); otherwise an environment variable of that name is put in as a quoted
    /// string; an optional one with neither goes away: its field or list element when it is the
    /// whole value, or just itself in a concatenation. A required one with neither is an error.
    /// Line breaks are kept, so lines in Akka's errors still match the source.
    /// </summary>
    private static string Settle(string text, SourceMap map, HashSet<Substitution> references, Func<string, string?> environment)
    {
        var edits = new List<(int Start, int End, string Replacement)>();
        foreach (var substitution in map.Substitutions)
        {
            if (references.Contains(substitution))
            {
                if (substitution.Optional) edits.Add((substitution.Start, substitution.End, "${" + substitution.Expression + "}"));
            }
            else if (environment(substitution.Expression) is { } value)
            {
                edits.Add((substitution.Start, substitution.End, ConfigPath.Quote(value)));
            }
            else if (!substitution.Optional)
            {
                throw new ConfigException(substitution.Origin, substitution.Expression,
                    $"could not resolve substitution {substitution}: no key of that path in {map.Name} and no environment variable of that name " +
                    "(with Akka.NET's HOCON a substitution refers to keys of its own file)");
            }
            else if (substitution.Use == SubstitutionUse.Concatenated)
            {
                edits.Add((substitution.Start, substitution.End, ""));
            }
            else
            {
                var end = substitution.End;
                var after = end;
                while (after < text.Length && text[after] is ' ' or '\t') after++;
                if (after < text.Length && text[after] == ',') end = after + 1;
                edits.Add((substitution.UseStart, end, new string(' ', end - substitution.UseStart)));
            }
        }
        if (edits.Count == 0) return text;

        var settled = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var (start, end, replacement) in edits.OrderBy(e => e.Start))
        {
            settled.Append(text, copied, start - copied).Append(replacement);
            copied = end;
        }
        return settled.Append(text, copied, text.Length - copied).ToString();
    }

    private static ConfigException FromAkka(Exception error, string akkaText, SourceMap map)
    {
        var message = error.Message.Split('\n')[0].Trim();
        if (UnresolvedPattern().Match(message) is { Success: true } unresolved)
        {
            var expression = unresolved.Groups[1].Value;
            var at = map.Substitutions.FirstOrDefault(s => s.Expression == expression);
            return new ConfigException(at?.Origin ?? new ConfigOrigin(map.Name, 0), expression,
                $"could not resolve substitution ${{{expression}}}", error);
        }
        var origin = new ConfigOrigin(map.Name, 0);
        if (PositionPattern().Match(message) is { Success: true } position && int.TryParse(position.Groups[1].Value, out var offset))
        {
            offset = Math.Min(offset, akkaText.Length);
            var lineStart = akkaText.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
            if (offset == 0) lineStart = 0;
            origin = new ConfigOrigin(map.Name, akkaText.AsSpan(0, lineStart).Count('\n') + 1, offset - lineStart + 1);
            message = PositionPattern().Replace(message, "").TrimEnd(' ', ':');
        }
        return new ConfigException(origin, null, $"Akka.NET's HOCON parser cannot read this: {message}", error);
    }

    [GeneratedRegex(@"^Unresolved substitution: (.+)$")]
    private static partial Regex UnresolvedPattern();

    [GeneratedRegex(@" at position (\d+)")]
    private static partial Regex PositionPattern();
}
