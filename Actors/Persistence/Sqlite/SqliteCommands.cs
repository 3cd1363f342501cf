using Microsoft.Data.Sqlite;

namespace A3C.Actors.Persistence.Sqlite;

/// <summary>Terse command building; Microsoft.Data.Sqlite insists each command names the open transaction.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(
        this SqliteConnection connection, string sql, SqliteTransaction? transaction = null,
        params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public static void Run(
        this SqliteConnection connection, string sql, SqliteTransaction? transaction = null,
        params (string Name, object Value)[] parameters)
    {
        using var command = connection.Command(sql, transaction, parameters);
        command.ExecuteNonQuery();
    }
}
