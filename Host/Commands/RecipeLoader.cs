using A3C.Configuration;

namespace A3C.Host.Commands;

/// <summary>Reads a recipe over the shipped reference config, with command-line overrides on top.</summary>
public static class RecipeLoader
{
    private const string Root = "a3c.";

    /// <param name="file">The user's recipe; null reads the reference config alone (to find a run's store, say).</param>
    public static Config Load(FileInfo? file, IEnumerable<string> overrides, string? device)
    {
        if (file is { Exists: false }) throw new FileNotFoundException($"config file {file.FullName} does not exist");
        return ConfigFactory.Load(file?.FullName, ConfigFactory.LoadReference(), Assignments(overrides, device));
    }

    /// <summary>The config text stored with a run's snapshot, over the reference config, with overrides on top.</summary>
    /// <param name="origin">Names the stored text in error messages.</param>
    /// <exception cref="ConfigException">A key the reference lacks (a misspelt --set, say), with where it was written.</exception>
    public static Config LoadStored(string configText, string origin, IEnumerable<string> overrides, string? device)
    {
        var reference = ConfigFactory.LoadReference();
        var config = ConfigFactory.ParseString(configText, origin)
            .WithFallback(reference)
            .WithOverrides(Assignments(overrides, device));
        config.CheckKnownKeys(reference);
        return config;
    }

    private static List<string> Assignments(IEnumerable<string> overrides, string? device)
    {
        var assignments = overrides.Select(Rooted).ToList();
        if (!string.IsNullOrEmpty(device)) assignments.Add($"{Root}training.device = \"{device}\"");
        return assignments;
    }

    /// <summary><c>training.max-frames=10</c> means <c>a3c.training.max-frames=10</c>; full paths are kept.</summary>
    private static string Rooted(string assignment) =>
        assignment.StartsWith(Root, StringComparison.Ordinal) ? assignment : Root + assignment.TrimStart();
}
