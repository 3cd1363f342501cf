namespace A3C.Actors.Persistence.Sqlite;

internal sealed class SqliteRunJournal(SqliteRunDatabases databases) : IRunJournal
{
    public Task<IReadOnlyList<JournalEvent>> AppendAllAsync(
        string run, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries) entry.Validate(run);
        return databases.RunAsync<IReadOnlyList<JournalEvent>>(run, create: true, connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var newest = connection.Command(
                "SELECT COALESCE(MAX(sequence_nr), 0) FROM journal WHERE run = @run;", transaction, ("@run", run));
            var last = (long)newest.ExecuteScalar()!;
            // One statement, prepared once, bound per entry.
            using var insert = connection.Command(
                """
                INSERT INTO journal (run, sequence_nr, timestamp_ms, kind, payload)
                VALUES (@run, @seq, @timestamp, @kind, @payload);
                """,
                transaction, ("@run", run), ("@seq", 0L), ("@timestamp", 0L), ("@kind", ""), ("@payload", ""));
            var appended = new List<JournalEvent>(entries.Count);
            foreach (var entry in entries)
            {
                var appendedEvent = new JournalEvent(++last,
                    DateTimeOffset.FromUnixTimeMilliseconds(entry.Timestamp.ToUnixTimeMilliseconds()), entry.Kind, entry.PayloadJson);
                insert.Parameters["@seq"].Value = appendedEvent.SequenceNr;
                insert.Parameters["@timestamp"].Value = appendedEvent.Timestamp.ToUnixTimeMilliseconds();
                insert.Parameters["@kind"].Value = appendedEvent.Kind;
                insert.Parameters["@payload"].Value = appendedEvent.PayloadJson;
                insert.ExecuteNonQuery();
                appended.Add(appendedEvent);
            }

            transaction.Commit();
            return appended;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<JournalEvent>> ReadAsync(
        string run, long fromSequenceNr = 1, CancellationToken cancellationToken = default) =>
        databases.RunAsync<IReadOnlyList<JournalEvent>>(run, create: false, connection =>
        {
            using var command = connection.Command(
                """
                SELECT sequence_nr, timestamp_ms, kind, payload FROM journal
                WHERE run = @run AND sequence_nr >= @from ORDER BY sequence_nr;
                """,
                null, ("@run", run), ("@from", fromSequenceNr));
            using var reader = command.ExecuteReader();
            var events = new List<JournalEvent>();
            while (reader.Read())
            {
                events.Add(new JournalEvent(
                    reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3)));
            }

            return events;
        }, cancellationToken);
}
