using A3C.Configuration;

namespace A3C.Host.Commands;

/// <summary>Reads a recipe over the shipped reference config, with command-line overrides on top.</summary>
public static class RecipeLoader
{
    private const string Root = "a3c.";

    public static Config Load(FileInfo file, IEnumerable<string> overrides, string? device)
    {
        if (!file.Exists) throw new FileNotFoundException($"config file {file.FullName} does not exist");
        var assignments = overrides.Select(Rooted).ToList();
        if (!string.IsNullOrEmpty(device)) assignments.Add($"{Root}training.device = \"{device}\"");
        return ConfigFactory.Load(file.FullName, ConfigFactory.LoadReference(), assignments);
    }

    /// <summary><c>training.max-frames=10</c> means <c>a3c.training.max-frames=10</c>; full paths are kept.</summary>
    private static string Rooted(string assignment) =>
        assignment.StartsWith(Root, StringComparison.Ordinal) ? assignment : Root + assignment.TrimStart();
}
