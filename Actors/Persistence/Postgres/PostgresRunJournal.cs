namespace A3C.Actors.Persistence.Postgres;

internal sealed class PostgresRunJournal(PostgresDatabase database) : IRunJournal
{
    public async Task<IReadOnlyList<JournalEvent>> AppendAllAsync(
        string run, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        RunName.Validate(run);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries) entry.Validate(run);
        var timestamps = entries.Select(entry => entry.Timestamp.ToUnixTimeMilliseconds()).ToArray();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await database.RegisterRunAsync(connection, transaction, run, cancellationToken).ConfigureAwait(false);
        // Serialises appends to one run across processes, so MAX + 1 cannot hand out a number twice.
        await using (var lockRun = connection.Command(
            $"SELECT pg_advisory_xact_lock(hashtext('a3c-journal:' || @run));", transaction, ("run", run)))
        {
            await lockRun.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // All entries in one statement: the arrays are unnested in order, numbered from MAX + 1.
        await using var insert = connection.Command(
            $"""
            INSERT INTO {database.Schema}.journal (run, sequence_nr, timestamp_ms, kind, payload)
            SELECT @run, last.sequence_nr + entry.position, entry.timestamp_ms, entry.kind, entry.payload
            FROM (SELECT COALESCE(MAX(sequence_nr), 0) AS sequence_nr FROM {database.Schema}.journal WHERE run = @run) AS last,
                 unnest(@timestamps, @kinds, @payloads) WITH ORDINALITY AS entry (timestamp_ms, kind, payload, position)
            RETURNING sequence_nr;
            """,
            transaction, ("run", run), ("timestamps", timestamps),
            ("kinds", entries.Select(entry => entry.Kind).ToArray()), ("payloads", entries.Select(entry => entry.PayloadJson).ToArray()));
        var sequenceNrs = new List<long>(entries.Count);
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) sequenceNrs.Add(reader.GetInt64(0));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        sequenceNrs.Sort();
        return entries.Select((entry, i) => new JournalEvent(
            sequenceNrs[i], DateTimeOffset.FromUnixTimeMilliseconds(timestamps[i]), entry.Kind, entry.PayloadJson)).ToList();
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
