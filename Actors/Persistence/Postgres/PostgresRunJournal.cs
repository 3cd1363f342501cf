namespace A3C.Actors.Persistence.Postgres;

internal sealed class PostgresRunJournal(PostgresDatabase database) : IRunJournal
{
    public async Task<JournalEvent> AppendAsync(
        string run, string kind, string payloadJson, DateTimeOffset timestamp, CancellationToken cancellationToken = default)
    {
        RunName.Validate(run);
        JournalKind.Validate(kind);
        JsonText.Validate(payloadJson, $"payload of the '{kind}' event of run '{run}'");
        var timestampMs = timestamp.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await database.RegisterRunAsync(connection, transaction, run, cancellationToken).ConfigureAwait(false);
        // Serialises appends to one run across processes, so MAX + 1 cannot hand out a number twice.
        await using (var lockRun = connection.Command(
            $"SELECT pg_advisory_xact_lock(hashtext('a3c-journal:' || @run));", transaction, ("run", run)))
        {
            await lockRun.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var insert = connection.Command(
            $"""
            INSERT INTO {database.Schema}.journal (run, sequence_nr, timestamp_ms, kind, payload)
            SELECT @run, COALESCE(MAX(sequence_nr), 0) + 1, @timestamp, @kind, @payload
            FROM {database.Schema}.journal WHERE run = @run
            RETURNING sequence_nr;
            """,
            transaction, ("run", run), ("timestamp", timestampMs), ("kind", kind), ("payload", payloadJson));
        var sequenceNr = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new JournalEvent(sequenceNr, DateTimeOffset.FromUnixTimeMilliseconds(timestampMs), kind, payloadJson);
    }

    public async Task<IReadOnlyList<JournalEvent>> ReadAsync(
        string run, long fromSequenceNr = 1, CancellationToken cancellationToken = default)
    {
        RunName.Validate(run);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await database.EnsureRunExistsAsync(connection, run, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"""
            SELECT sequence_nr, timestamp_ms, kind, payload FROM {database.Schema}.journal
            WHERE run = @run AND sequence_nr >= @from ORDER BY sequence_nr;
            """,
            null, ("run", run), ("from", fromSequenceNr));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<JournalEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new JournalEvent(
                reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3)));
        }

        return events;
    }
}
