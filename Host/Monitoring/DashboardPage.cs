namespace A3C.Host.Monitoring;

/// <summary>The dashboard served at <c>/</c>: one HTML page with its script and styles inline, embedded in the assembly.</summary>
public static class DashboardPage
{
    private const string ResourceName = "A3C.Host.Monitoring.Dashboard.html";

    public static string Html { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from {typeof(DashboardPage).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
