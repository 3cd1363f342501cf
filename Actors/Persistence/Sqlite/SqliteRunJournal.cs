namespace A3C.Actors.Persistence.Sqlite;

internal sealed class SqliteRunJournal(SqliteRunDatabases databases) : IRunJournal
{
    public Task<JournalEvent> AppendAsync(
        string run, string kind, string payloadJson, DateTimeOffset timestamp, CancellationToken cancellationToken = default)
    {
        JournalKind.Validate(kind);
        JsonText.Validate(payloadJson, $"payload of the '{kind}' event of run '{run}'");
        var timestampMs = timestamp.ToUnixTimeMilliseconds();
        return databases.RunAsync(run, create: true, connection =>
        {
            using var command = connection.Command(
                """
                INSERT INTO journal (run, sequence_nr, timestamp_ms, kind, payload)
                SELECT @run, COALESCE(MAX(sequence_nr), 0) + 1, @timestamp, @kind, @payload FROM journal WHERE run = @run
                RETURNING sequence_nr;
                """,
                null, ("@run", run), ("@timestamp", timestampMs), ("@kind", kind), ("@payload", payloadJson));
            var sequenceNr = (long)command.ExecuteScalar()!;
            return new JournalEvent(sequenceNr, DateTimeOffset.FromUnixTimeMilliseconds(timestampMs), kind, payloadJson);
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
