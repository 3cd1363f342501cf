using System.Text.RegularExpressions;
using Npgsql;

namespace A3C.Actors.Persistence.Postgres;

/// <summary>
/// A PostgreSQL database shared by many runs: one schema of tables keyed by run name, created and
/// version-checked the first time this instance opens a connection.
/// </summary>
internal sealed partial class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _prepareGate = new(1, 1);
    private volatile bool _prepared;

    public PostgresDatabase(string connectionString, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!SchemaNamePattern().IsMatch(schema))
        {
            throw new ArgumentException(
                $"PostgreSQL schema name '{schema}' is invalid: expected lower-case letters, digits and '_', " +
                "starting with a letter or '_', at most 63 characters.", nameof(schema));
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Schema = schema;
        Location = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} (schema {schema})";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>The schema holding the tables; table names in SQL are written <c>{Schema}.journal</c>.</summary>
    public string Schema { get; }

    /// <summary>Server, database and schema, without credentials, for messages.</summary>
    public string Location { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_prepared)
            {
                await PrepareOnceAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Throws <see cref="RunNotFoundException"/> unless the run has been written to.</summary>
    public async Task EnsureRunExistsAsync(NpgsqlConnection connection, string run, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT 1 FROM {Schema}.runs WHERE run = @run;", null, ("run", run));
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RunNotFoundException(run, Location, await ListRunsAsync(connection, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Records the run so listings find it; a no-op when it is already known.</summary>
    public async Task RegisterRunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string run, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"INSERT INTO {Schema}.runs (run, created_ms) VALUES (@run, @now) ON CONFLICT (run) DO NOTHING;",
            transaction, ("run", run), ("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListRunsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // COLLATE "C": the same ordinal order the SQLite store gives, whatever the database's locale.
        await using var command = connection.Command($"SELECT run FROM {Schema}.runs ORDER BY run COLLATE \"C\";");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(reader.GetString(0));
        }

        return runs;
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _prepareGate.Dispose();
    }

    private async Task PrepareOnceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _prepareGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_prepared)
            {
                await PostgresSchema.PrepareAsync(connection, Schema, Location, cancellationToken).ConfigureAwait(false);
                _prepared = true;
            }
        }
        finally
        {
            _prepareGate.Release();
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaNamePattern();
}
