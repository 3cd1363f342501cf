using A3C.Configuration.Parsing;

namespace A3C.Configuration;

/// <summary>Entry points for reading configs from text, files and <c>--set key=value</c> overrides.</summary>
public static class ConfigFactory
{
    /// <summary>Where the shipped defaults live, relative to the repository or install root.</summary>
    public const string ReferenceConfigPath = "hocon/reference.conf";

    /// <summary>Parses HOCON text. Includes are resolved relative to the current directory.</summary>
    /// <param name="originName">Names the text in origins and error messages.</param>
    /// <exception cref="ConfigException">On a syntax error or a bad include.</exception>
    public static Config ParseString(string text, string originName = "string") =>
        new(HoconParser.Parse(text, originName, filePath: null));

    /// <summary>Parses a HOCON file; its includes are resolved relative to it.</summary>
    /// <exception cref="ConfigException">When the file does not exist or does not parse.</exception>
    public static Config ParseFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigException(new ConfigOrigin(path, 0), null, $"config file does not exist (looked for {fullPath})");
        }
        return new Config(HoconParser.Parse(File.ReadAllText(fullPath), path, fullPath));
    }

    /// <summary>
    /// Parses <c>key=value</c> assignments into one config, later ones winning. The value is HOCON,
    /// so <c>a.b=[1,2]</c>, <c>a.timeout=10s</c> and <c>a.x=${a.y}</c> all work.
    /// </summary>
    /// <exception cref="ConfigException">When an assignment has no '=' or its value does not parse.</exception>
    public static Config ParseOverrides(IEnumerable<string> assignments)
    {
        var result = Config.Empty;
        var index = 0;
        foreach (var assignment in assignments)
        {
            index++;
            var origin = new ConfigOrigin($"--set #{index}", 0);
            var separator = assignment.IndexOf('=');
            if (separator <= 0 || string.IsNullOrWhiteSpace(assignment[..separator]))
            {
                throw new ConfigException(origin, null, $"expected key=value but found \"{assignment}\"");
            }
            var parsed = ParseString(assignment, origin.Description);
            result = parsed.WithFallback(result);
        }
        return result;
    }

    /// <summary>
    /// Loads the effective config: the user's file (when given) over <paramref name="reference"/>,
    /// with <paramref name="overrides"/> on top, resolved now so that errors show at startup.
    /// </summary>
    public static Config Load(string? userConfigPath, Config reference, IEnumerable<string>? overrides = null)
    {
        var config = userConfigPath is null ? reference : ParseFile(userConfigPath).WithFallback(reference);
        if (overrides is not null) config = config.WithOverrides(overrides);
        return config.Resolve();
    }

    /// <summary>Loads <paramref name="userConfigPath"/> over the shipped <c>hocon/reference.conf</c>.</summary>
    public static Config Load(string? userConfigPath = null) => Load(userConfigPath, LoadReference());

    /// <summary>
    /// Finds and parses <c>hocon/reference.conf</c> by walking up from <paramref name="startDirectory"/>
    /// (default: <see cref="AppContext.BaseDirectory"/>), so it is found both next to an installed
    /// binary and from a build output folder inside the repository.
    /// </summary>
    /// <exception cref="ConfigException">When no directory on the way up holds the file.</exception>
    public static Config LoadReference(string? startDirectory = null)
    {
        var start = Path.GetFullPath(startDirectory ?? AppContext.BaseDirectory);
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ReferenceConfigPath);
            if (File.Exists(candidate)) return ParseFile(candidate);
        }
        throw new ConfigException(new ConfigOrigin(ReferenceConfigPath, 0), null,
            $"reference config not found in {start} or any directory above it");
    }
}
