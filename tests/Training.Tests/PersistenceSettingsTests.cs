using A3C.Actors.Persistence;
using A3C.Actors.Training.Settings;
using A3C.Configuration;

namespace A3C.Training.Tests;

public sealed class PersistenceSettingsTests
{
    [Fact]
    public void The_reference_config_keeps_runs_in_sqlite_under_runs_with_a_checkpoint_every_100_updates_at_most_once_a_second()
    {
        var settings = Recipes.From("").Persistence;

        Assert.Equal(new PersistenceSettings(PersistenceProvider.Sqlite, "runs", "", 100, 5, TimeSpan.FromSeconds(1)), settings);
        Assert.Null(settings.ToOptions().ConnectionString);
    }

    [Theory]
    [InlineData("keep = 0", "a3c.persistence.keep", "a positive number of snapshots")]
    [InlineData("checkpoint-interval = -1", "a3c.persistence.checkpoint-interval", "0 (off)")]
    [InlineData("checkpoint-min-period = -5s", "a3c.persistence.checkpoint-min-period", "a positive duration")]
    [InlineData("checkpoint-min-period = soon", "a3c.persistence.checkpoint-min-period", "duration")]
    [InlineData("provider = mysql", "a3c.persistence.provider", "sqlite, postgres")]
    public void Bad_values_are_errors_naming_the_key_the_file_and_what_was_expected(string setting, string key, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Recipes.From($"a3c.persistence {{ {setting} }}", "mine.conf"));

        Assert.Contains(key, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains("mine.conf", error.Message);
    }

    [Fact]
    public void Postgres_without_a_connection_string_says_how_to_give_one()
    {
        var error = Assert.Throws<ConfigException>(() => Recipes.From("a3c.persistence.provider = postgres"));

        Assert.Contains("a3c.persistence.connection-string", error.Message);
        Assert.Contains("A3C_POSTGRES", error.Message);
    }

    [Fact]
    public void The_config_text_stored_with_snapshots_leaves_the_connection_string_out()
    {
        var recipe = Recipes.From("a3c.persistence { provider = postgres, connection-string = \"Host=db;Password=hunter2\" }");

        Assert.Equal("Host=db;Password=hunter2", recipe.Persistence.ConnectionString);
        Assert.DoesNotContain("hunter2", recipe.ConfigText);
        Assert.Contains("postgres", recipe.ConfigText);
    }
}
