using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

public sealed class DeliveryTests : ActorTestBase
{
    public sealed record Numbered(int Producer, int Sequence);

    public sealed record Finished(int Producer);

    /// <summary>
    /// Checks per-sender order and counts into a ledger that outlives restarts; every
    /// <c>restartEvery</c>th message from producer 0 fails (and is dropped by the restart).
    /// </summary>
    private sealed class Checker : ReceiveActor
    {
        public Checker(Ledger ledger, int restartEvery)
        {
            Receive<Numbered>(m =>
            {
                ref var last = ref ledger.LastSeen[m.Producer];
                if (m.Sequence != last + 1) ledger.Disorder(m, last);
                last = m.Sequence;
                if (restartEvery > 0 && m.Producer == 0 && m.Sequence % restartEvery == 0)
                    throw new InvalidOperationException($"planned restart at {m.Sequence}");
                ledger.Counted++;
            });
            Receive<Finished>(f =>
            {
                if (++ledger.FinishedProducers == ledger.LastSeen.Length) ledger.Done.TrySetResult(ledger.Counted);
            });
        }
    }

    /// <summary>State of one checker that survives its restarts; touched only by that checker's turns.</summary>
    private sealed class Ledger(int producers)
    {
        public readonly int[] LastSeen = Enumerable.Repeat(-1, producers).ToArray();
        public long Counted;
        public int FinishedProducers;
        public readonly TaskCompletionSource<long> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Disorder(Numbered m, int last) =>
            Done.TrySetException(new Xunit.Sdk.XunitException($"Producer {m.Producer}: got {m.Sequence} after {last}."));
    }

    [Fact]
    public async Task Ten_million_messages_arrive_in_order_and_none_is_lost_across_restarts()
    {
        const int producers = 4, checkers = 2, perPair = 1_250_000, restartEvery = 100_000;
        var ledgers = Enumerable.Range(0, checkers).Select(_ => new Ledger(producers)).ToArray();
        var targets = ledgers
            .Select((ledger, i) => Sys.ActorOf(Props.Create(() => new Checker(ledger, restartEvery))
                .WithMailbox(MailboxSettings.Bounded(50_000)), $"checker-{i}"))
            .ToArray();

        // Producers send concurrently; a bounded mailbox with TellAsync keeps memory flat.
        var sending = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (var seq = 0; seq < perPair; seq++)
                foreach (var target in targets)
                    await target.TellAsync(new Numbered(p, seq));
            foreach (var target in targets) await target.TellAsync(new Finished(p));
        })).ToArray();
        await Task.WhenAll(sending).WaitAsync(TimeSpan.FromMinutes(2));

        var droppedByRestarts = (perPair - 1) / restartEvery + 1; // sequences 0, 100000, ... of producer 0
        foreach (var ledger in ledgers)
        {
            var counted = await ledger.Done.Task.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal((long)producers * perPair - droppedByRestarts, counted);
            Assert.All(ledger.LastSeen, last => Assert.Equal(perPair - 1, last));
        }
        var snapshot = Sys.Metrics.Snapshot();
        Assert.Equal(droppedByRestarts, snapshot.Find("/user/checker-0")!.Restarts);
        Assert.Equal(0, Sys.Metrics.DeadLetterCount);
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef target, int producer, int count)
        {
            Receive<string>(_ =>
            {
                for (var i = 0; i < count; i++) target.Tell(new Numbered(producer, i));
                target.Tell(new Finished(producer));
            });
        }
    }

    [Fact]
    public async Task Actor_to_actor_sends_keep_per_pair_order_under_fan_in()
    {
        const int producers = 8, count = 50_000;
        var ledger = new Ledger(producers);
        var checker = Sys.ActorOf(Props.Create(() => new Checker(ledger, 0)));
        var relays = Enumerable.Range(0, producers).Select(p => Sys.ActorOf(Props.Create(() => new Relay(checker, p, count)))).ToArray();
        foreach (var relay in relays) relay.Tell("go", null);

        Assert.Equal((long)producers * count, await ledger.Done.Task.WaitAsync(TimeSpan.FromMinutes(1)));
    }
}
