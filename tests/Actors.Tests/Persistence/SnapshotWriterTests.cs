using System.Diagnostics.Metrics;
using A3C.Actors.Persistence;

namespace A3C.Actors.Tests.Persistence;

public sealed class SnapshotWriterTests
{
    // Only a guard against a hang; no assertion depends on how long anything takes.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Enqueue_returns_while_the_store_is_stuck_and_writes_keep_their_order()
    {
        var store = new GatedSnapshotStore();
        var written = new List<long>();
        await using var writer = new SnapshotWriter(
            store, new SnapshotWriterOptions(MaxQueued: 8), onWritten: done => written.Add(done.SequenceNr));

        for (long sequenceNr = 1; sequenceNr <= 5; sequenceNr++)
        {
            writer.Enqueue(TestSnapshots.Small("run", sequenceNr));
        }

        Assert.Equal(1, await store.FirstWriteStarted.WaitAsync(HangGuard));
        Assert.Equal(4, writer.QueueDepth);
        Assert.Empty(store.Written);

        store.Open();
        await writer.FlushAsync().WaitAsync(HangGuard);

        Assert.Equal([1L, 2, 3, 4, 5], store.Written);
        Assert.Equal([1L, 2, 3, 4, 5], written);
        Assert.Equal(0, writer.QueueDepth);
        Assert.Equal(5, writer.SnapshotsWritten);
        Assert.NotNull(writer.LastWriteDuration);
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_unwritten_snapshot_and_counts_it()
    {
        var store = new GatedSnapshotStore();
        await using var writer = new SnapshotWriter(store, new SnapshotWriterOptions(MaxQueued: 2));
        writer.Enqueue(TestSnapshots.Small("run", 1));
        await store.FirstWriteStarted.WaitAsync(HangGuard);

        foreach (var sequenceNr in new long[] { 2, 3, 4, 5 })
        {
            writer.Enqueue(TestSnapshots.Small("run", sequenceNr));
        }

        Assert.Equal((2, 2L), (writer.QueueDepth, writer.Coalesced));
        store.Open();
        await writer.FlushAsync().WaitAsync(HangGuard);

        Assert.Equal([1L, 4, 5], store.Written);
        Assert.Equal(2, writer.Coalesced);
    }

    [Fact]
    public async Task Dispose_drains_every_queued_snapshot()
    {
        var store = new GatedSnapshotStore();
        var writer = new SnapshotWriter(store, new SnapshotWriterOptions(MaxQueued: 16));
        for (long sequenceNr = 1; sequenceNr <= 10; sequenceNr++)
        {
            writer.Enqueue(TestSnapshots.Small("run", sequenceNr));
        }

        var disposing = writer.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        store.Open();
        await disposing.WaitAsync(HangGuard);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), store.Written);
        Assert.Throws<ObjectDisposedException>(() => writer.Enqueue(TestSnapshots.Small("run", 11)));
    }

    [Fact]
    public async Task A_failed_write_is_counted_and_reported_and_later_writes_go_on()
    {
        var store = new GatedSnapshotStore();
        store.Failing.Add(2);
        var failures = new List<SnapshotWriteFailure>();
        await using var writer = new SnapshotWriter(store, new SnapshotWriterOptions(MaxQueued: 8), onFailure: failures.Add);
        for (long sequenceNr = 1; sequenceNr <= 3; sequenceNr++)
        {
            writer.Enqueue(TestSnapshots.Small("run", sequenceNr));
        }

        store.Open();
        await writer.FlushAsync().WaitAsync(HangGuard);

        Assert.Equal([1L, 3], store.Written);
        Assert.Equal(1, writer.Failures);
        var failure = Assert.Single(failures);
        Assert.Equal(2, failure.SequenceNr);
        Assert.IsType<IOException>(failure.Error);
        Assert.Same(failure, writer.LastFailure);
    }

    [Fact]
    public async Task A_throwing_failure_callback_does_not_stop_the_writer()
    {
        var store = new GatedSnapshotStore();
        store.Failing.Add(1);
        store.Open();
        await using var writer = new SnapshotWriter(
            store, onFailure: _ => throw new InvalidOperationException("callback bug"));

        writer.Enqueue(TestSnapshots.Small("run", 1));
        writer.Enqueue(TestSnapshots.Small("run", 2));
        await writer.FlushAsync().WaitAsync(HangGuard);

        Assert.Equal([2L], store.Written);
        var error = Assert.IsType<AggregateException>(writer.LastFailure!.Error);
        Assert.Contains(error.InnerExceptions, inner => inner.Message == "callback bug");
    }

    [Fact]
    public async Task Enqueue_rejects_a_snapshot_the_store_could_never_write()
    {
        await using var writer = new SnapshotWriter(new GatedSnapshotStore());
        var malformed = TestSnapshots.Small("run", 1) with { MetadataJson = "{\"lr\": " };

        var error = Assert.Throws<ArgumentException>(() => writer.Enqueue(malformed));

        Assert.Contains("metadata of snapshot 1 of run 'run'", error.Message);
    }

    [Fact]
    public async Task Writes_and_bytes_are_published_on_the_persistence_meter()
    {
        var run = "metered-" + Guid.NewGuid().ToString("N");
        var bytes = 0L;
        var writes = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SnapshotWriter.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Other tests' writers publish on the same meter; count only this run.
            if (!tags.ToArray().Contains(new KeyValuePair<string, object?>("run", run)))
            {
                return;
            }

            if (instrument.Name == "a3c.persistence.snapshot.bytes_written") Interlocked.Add(ref bytes, value);
            if (instrument.Name == "a3c.persistence.snapshot.writes") Interlocked.Add(ref writes, value);
        });
        listener.Start();

        var store = new GatedSnapshotStore();
        store.Open();
        await using (var writer = new SnapshotWriter(store))
        {
            writer.Enqueue(TestSnapshots.Small(run, 1));
            writer.Enqueue(TestSnapshots.Small(run, 2));
            await writer.FlushAsync().WaitAsync(HangGuard);
            Assert.Equal(2 * (4096L + 8192 + 64), writer.BytesWritten);
        }

        Assert.Equal((2 * (4096L + 8192 + 64), 2L), (Interlocked.Read(ref bytes), Interlocked.Read(ref writes)));
    }
}
