using Akka.Configuration;
using Akka.Persistence.Sql;
using LinqToDB;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// The Akka configuration that puts a run's checkpoints on Akka.Persistence.Sql: its journal,
/// snapshot store and read journal on one database, and <see cref="CheckpointSerializer"/> bound to
/// every persisted type. The plugin's own defaults are the fallback, as Akka.Hosting would load them.
/// </summary>
public static class CheckpointPersistenceConfig
{
    public const string JournalPluginId = "akka.persistence.journal.sql";
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";

    private static readonly Type[] PersistedTypes =
        [typeof(EncodedCheckpoint), typeof(LearnerState), typeof(CheckpointRecorded), typeof(RunStarted), typeof(CheckpointsPruned)];

    /// <summary>SQLite: the run's own file, <c>&lt;directory&gt;/&lt;run&gt;/checkpoints.db</c>.</summary>
    public static Config ForSqlite(string databasePath) =>
        Build(SqliteConnection(databasePath), ProviderName.SQLiteMS, schema: null);

    /// <summary>PostgreSQL: one database for every run, the tables in <paramref name="schema"/>.</summary>
    public static Config ForPostgres(string connectionString, string schema) =>
        Build(connectionString, ProviderName.PostgreSQL15, schema);

    /// <summary>The serializer and its bindings alone, for a system that reads snapshots some other way.</summary>
    public static Config Serialization()
    {
        var serializerName = "a3c-checkpoint";
        var bindings = string.Join("\n", PersistedTypes.Select(type => $"\"{TypeName(type)}\" = {serializerName}"));
        return ConfigurationFactory.ParseString($$"""
            akka.actor {
              serializers.{{serializerName}} = "{{TypeName(typeof(CheckpointSerializer))}}"
              serialization-bindings {
                {{bindings}}
              }
            }
            """);
    }

    /// <summary>The connection string of a run's SQLite file: a shared cache off, as the plugin prefers for files.</summary>
    public static string SqliteConnection(string databasePath) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databasePath) }.ToString();

    private static Config Build(string connectionString, string provider, string? schema)
    {
        var connection = Quote(connectionString);
        var schemaLine = schema is null ? "" : $"default.schema-name = {Quote(schema)}";
        var plugin = $$"""
            connection-string = {{connection}}
            provider-name = "{{provider}}"
            auto-initialize = on
            {{schemaLine}}
            """;
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "{{JournalPluginId}}"
                sql { {{plugin}} }
              }
              snapshot-store {
                plugin = "{{SnapshotPluginId}}"
                sql { {{plugin}} }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = "{{provider}}"
                write-plugin = "{{JournalPluginId}}"
                {{schemaLine}}
              }
            }
            """)
            .WithFallback(Serialization())
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    // HOCON's quoted strings follow JSON's escapes.
    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
