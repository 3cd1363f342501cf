namespace A3C.Configuration;

public static class ConfigSettingsExtensions
{
    private const string AkkaSection = "akka";

    /// <summary>Binds the section <typeparamref name="TSettings"/> declares, rejecting unknown keys in it.</summary>
    /// <exception cref="ConfigException">On a missing or mistyped key, or a key nothing reads.</exception>
    public static TSettings Bind<TSettings>(this Config config) where TSettings : IConfigSettings<TSettings>
    {
        var reader = new SettingsReader(config, TSettings.SectionPath);
        var settings = TSettings.Read(reader);
        reader.ThrowIfUnknownKeys();
        return settings;
    }

    /// <summary>
    /// Throws when <paramref name="sectionPath"/> holds keys other than <paramref name="knownKeys"/>
    /// (paths relative to the section; <c>pool.size</c> makes <c>pool</c> known and checks inside it).
    /// </summary>
    public static void CheckKnownKeys(this Config config, string sectionPath, IEnumerable<string> knownKeys)
    {
        var section = ConfigPath.Parse(sectionPath);
        _ = config.GetConfig(sectionPath);
        var known = knownKeys.Select(key => section.Append(ConfigPath.Parse(key))).ToHashSet();
        KnownKeys.ThrowIfUnknown(config, section, known);
    }

    /// <summary>
    /// Throws when a section of <paramref name="reference"/> (each of its top-level objects, such as
    /// <c>a3c</c>) holds, in this config, a key the reference does not have, with "did you mean".
    /// Keys outside those sections are not checked, nor is <c>akka</c>: Akka.NET reads that section
    /// against its own reference and ignores what it does not know.
    /// </summary>
    /// <exception cref="ConfigException">Naming the first unknown key's file, line and path, and listing the rest.</exception>
    public static void CheckKnownKeys(this Config config, Config reference)
    {
        foreach (var key in reference.Keys)
        {
            if (key == AkkaSection) continue;
            var section = ConfigPath.Of(key);
            if (reference.FindObject(section) is null) continue;
            KnownKeys.ThrowIfUnknown(config, section, KnownKeys.Leaves(reference, section).ToHashSet());
        }
    }
}
