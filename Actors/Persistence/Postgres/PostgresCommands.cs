using Npgsql;

namespace A3C.Actors.Persistence.Postgres;

internal static class PostgresCommands
{
    public static NpgsqlCommand Command(
        this NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null,
        params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
