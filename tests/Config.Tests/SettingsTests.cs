namespace A3C.Configuration.Tests;

public sealed class SettingsTests
{
    public enum Overflow
    {
        Backpressure,
        DropHead,
        DropNew,
    }

    /// <summary>A sample settings type, bound the way other layers bind theirs.</summary>
    public sealed record MailboxSettings(int Capacity, Overflow Overflow, TimeSpan PushTimeout, long MaxBytes, PoolSettings Pool)
        : IConfigSettings<MailboxSettings>
    {
        public static string SectionPath => "sample.mailbox";

        public static MailboxSettings Read(SettingsReader reader) => new(
            reader.GetInt("capacity"),
            reader.GetEnum<Overflow>("overflow"),
            reader.GetDuration("push-timeout"),
            reader.GetByteSize("max-bytes"),
            PoolSettings.Read(reader.GetSection("pool")));
    }

    public sealed record PoolSettings(int Size, IReadOnlyList<string> Names)
    {
        public static PoolSettings Read(SettingsReader reader) => new(reader.GetInt("size"), reader.GetStringList("names"));
    }

    private static readonly Config Reference = ConfigFactory.ParseString("""
        sample.mailbox {
          capacity = 1000
          overflow = backpressure
          push-timeout = 5s
          max-bytes = 64MiB
          pool { size = 2, names = [a, b] }
        }
        """, "reference.conf");

    private static Config User(string text) => ConfigFactory.ParseString(text, "user.conf").WithFallback(Reference);

    [Fact]
    public void Bind_reads_defaults_from_the_reference_and_user_values_over_them()
    {
        var settings = User("sample.mailbox { capacity = 10, overflow = drop-head, pool.size = 4 }").Bind<MailboxSettings>();

        Assert.Equal(10, settings.Capacity);
        Assert.Equal(Overflow.DropHead, settings.Overflow);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.PushTimeout);
        Assert.Equal(64L << 20, settings.MaxBytes);
        Assert.Equal(4, settings.Pool.Size);
        Assert.Equal(["a", "b"], settings.Pool.Names);
    }

    [Fact]
    public void Unknown_key_is_reported_with_file_line_and_a_suggestion()
    {
        var config = User("sample.mailbox {\n  capacty = 10\n}");

        var error = Assert.Throws<ConfigException>(() => config.Bind<MailboxSettings>());

        Assert.Equal("user.conf:2: sample.mailbox.capacty: unknown key \"capacty\"; did you mean \"capacity\"?", error.Message);
        Assert.Equal("user.conf", error.File);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Unknown_keys_in_nested_sections_are_all_listed()
    {
        var config = User("sample.mailbox {\n  pool.sise = 3\n  colour = red\n}");

        var error = Assert.Throws<ConfigException>(() => config.Bind<MailboxSettings>());

        Assert.Equal("sample.mailbox.pool.sise", error.Path);
        Assert.Contains("did you mean \"size\"?", error.Message);
        Assert.Contains("user.conf:3: sample.mailbox.colour: unknown key \"colour\"", error.Message);
    }

    [Fact]
    public void Bad_enum_value_lists_the_allowed_names()
    {
        var config = User("sample.mailbox.overflow = drop-haed");

        var error = Assert.Throws<ConfigException>(() => config.Bind<MailboxSettings>());

        Assert.Equal("sample.mailbox.overflow", error.Path);
        Assert.Contains("expected one of backpressure, drop-head, drop-new but found string \"drop-haed\"; did you mean \"drop-head\"?", error.Message);
    }

    [Fact]
    public void Wrong_type_inside_a_section_names_the_full_path()
    {
        var config = User("sample.mailbox.capacity = lots");

        var error = Assert.Throws<ConfigException>(() => config.Bind<MailboxSettings>());

        Assert.Equal("user.conf:1: sample.mailbox.capacity: expected a whole number but found string \"lots\"", error.Message);
    }

    [Fact]
    public void Missing_section_is_reported()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseString("other = 1").Bind<MailboxSettings>());

        Assert.Equal("sample.mailbox", error.Path);
        Assert.Contains("missing required key \"sample\"", error.Message);
    }

    [Fact]
    public void CheckKnownKeys_accepts_known_and_nested_keys_and_rejects_the_rest()
    {
        var config = ConfigFactory.ParseString("s { a = 1, b { c = 2 } }\nt { throughput = 1, thruput = 2 }", "check.conf");

        config.CheckKnownKeys("s", ["a", "b.c"]);
        var error = Assert.Throws<ConfigException>(() => config.CheckKnownKeys("t", ["throughput"]));

        Assert.Equal("t.thruput", error.Path);
        Assert.Contains("did you mean \"throughput\"?", error.Message);
        Assert.Throws<ConfigException>(() => config.CheckKnownKeys("s", ["a", "b.d"]));
    }

    [Fact]
    public void Keys_far_from_any_known_key_get_no_suggestion()
    {
        var config = ConfigFactory.ParseString("s { capacity = 1, zebra = 2 }");

        var error = Assert.Throws<ConfigException>(() => config.CheckKnownKeys("s", ["capacity"]));

        Assert.DoesNotContain("did you mean", error.Message);
    }

    [Fact]
    public void Edit_distance_counts_insertions_deletions_and_substitutions()
    {
        Assert.Equal(0, KeySuggestions.EditDistance("abc", "abc"));
        Assert.Equal(1, KeySuggestions.EditDistance("capacty", "capacity"));
        Assert.Equal(3, KeySuggestions.EditDistance("thruput", "throughput"));
        Assert.Equal(3, KeySuggestions.EditDistance("kitten", "sitting"));
        Assert.Equal(3, KeySuggestions.EditDistance("", "abc"));
    }
}
