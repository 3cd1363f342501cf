using A3C.Configuration.Text;

namespace A3C.Configuration;

/// <summary>
/// Entry points for reading configs from text, files and <c>--set key=value</c> overrides, with
/// Akka.NET's HOCON parser behind a strict check of the text (see <see cref="HoconScanner"/>).
/// </summary>
public static class ConfigFactory
{
    /// <summary>Where the shipped defaults live, relative to the repository or install root.</summary>
    public const string ReferenceConfigPath = "hocon/reference.conf";

    private static readonly Func<string, string?> ProcessEnvironment = Environment.GetEnvironmentVariable;

    /// <summary>Parses HOCON text. Includes are read relative to the current directory.</summary>
    /// <param name="originName">Names the text in error messages.</param>
    /// <param name="environment">Looks up environment variables for substitutions (default: the process's).</param>
    /// <exception cref="ConfigException">On a syntax error, an unresolved substitution or a bad include, with file, line and column.</exception>
    public static Config ParseString(string text, string originName = "string", Func<string, string?>? environment = null) =>
        FromSource(text, originName, filePath: null, environment);

    /// <summary>Parses a HOCON file; its includes are read relative to it.</summary>
    /// <exception cref="ConfigException">When the file does not exist or does not parse.</exception>
    public static Config ParseFile(string path, Func<string, string?>? environment = null)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigException(new ConfigOrigin(path, 0), null, $"config file does not exist (looked for {fullPath})");
        }
        return FromSource(File.ReadAllText(fullPath), path, fullPath, environment);
    }

    private static Config FromSource(string text, string name, string? filePath, Func<string, string?>? environment)
    {
        var (akka, map) = HoconSource.Parse(text, name, filePath, environment ?? ProcessEnvironment);
        return new Config(akka, ConfigPath.Root, map.Find);
    }

    /// <summary>
    /// Parses <c>key=value</c> assignments into one config, later ones winning. The value is HOCON,
    /// so <c>a.b=[1,2]</c>, <c>a.timeout=10s</c> and <c>a.x={ y = 1 }</c> all work; each is named
    /// <c>--set #n</c> in messages.
    /// </summary>
    /// <exception cref="ConfigException">When an assignment has no '=' or its value does not parse.</exception>
    public static Config ParseOverrides(IEnumerable<string> assignments)
    {
        var result = Config.Empty;
        var index = 0;
        foreach (var assignment in assignments)
        {
            index++;
            var name = $"--set #{index}";
            var separator = assignment.IndexOf('=');
            if (separator <= 0 || string.IsNullOrWhiteSpace(assignment[..separator]))
            {
                throw new ConfigException(new ConfigOrigin(name, 0), null, $"expected key=value but found \"{assignment}\"");
            }
            result = ParseString(assignment, name).WithFallback(result);
        }
        return result;
    }

    /// <summary>
    /// Loads the effective config: the user's file (when given) over <paramref name="reference"/>,
    /// with <paramref name="overrides"/> on top. The reference defines every key of its sections:
    /// a key the file or an override writes under one of them (<c>a3c</c>) that the reference lacks
    /// is an error, so a misspelt section is not silently ignored.
    /// </summary>
    /// <exception cref="ConfigException">On a syntax error or an unknown key, with file and line.</exception>
    public static Config Load(string? userConfigPath, Config reference, IEnumerable<string>? overrides = null)
    {
        var config = userConfigPath is null ? reference : ParseFile(userConfigPath).WithFallback(reference);
        if (overrides is not null) config = config.WithOverrides(overrides);
        config.CheckKnownKeys(reference);
        return config;
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
