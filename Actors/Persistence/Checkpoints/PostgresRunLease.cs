using System.Globalization;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// One writer per run on a shared PostgreSQL database: a session-level advisory lock keyed by the
/// run's name, held on a connection of its own for the life of the trainer. The connection's
/// application name names the holder, so a second trainer is told who has the run. The server
/// releases the lock when the connection ends, however the holder ends.
/// </summary>
public sealed class PostgresRunLease : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private PostgresRunLease(NpgsqlConnection connection, string holder)
    {
        _connection = connection;
        Holder = holder;
    }

    public string Holder { get; }

    /// <exception cref="RunLeasedException">Another live trainer holds the run.</exception>
    public static async Task<PostgresRunLease> AcquireAsync(string connectionString, string run, CancellationToken cancellationToken = default)
    {
        var holder = string.Create(CultureInfo.InvariantCulture, $"a3c pid {Environment.ProcessId} on {Environment.MachineName}");
        // PostgreSQL keeps 63 bytes of an application name.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = holder.Length > 63 ? holder[..63] : holder, Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", Key(run));
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!) return new PostgresRunLease(connection, holder);

            var holderNow = await FindHolderAsync(connection, run, cancellationToken);
            throw new RunLeasedException(run, CheckpointStore.DescribeServer(connectionString), holderNow);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    // A bigint key from the run's name; non-negative so pg_locks' two halves compare plainly.
    private static long Key(string run) =>
        BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes("a3c-run:" + run))) & long.MaxValue;

    private static async Task<string> FindHolderAsync(NpgsqlConnection connection, string run, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand("""
            SELECT a.application_name, coalesce(host(a.client_addr), 'local'), a.backend_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND ((l.classid::bigint << 32) | l.objid::bigint) = @key
            """, connection);
        find.Parameters.AddWithValue("key", Key(run));
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? string.Create(CultureInfo.InvariantCulture,
                $"{reader.GetString(0)} (from {reader.GetString(1)}, connected since {reader.GetDateTime(2).ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z)")
            : "a trainer that has just let it go (try again)";
    }
}

/// <summary>Another live trainer holds the run on the shared database.</summary>
public sealed class RunLeasedException(string run, string server, string holder) : PersistenceException(
    $"run '{run}' on {server} is being trained by {holder}; one process trains a run at a time: wait for it to end or stop it first.")
{
    public string Holder { get; } = holder;
}
