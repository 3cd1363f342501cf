using Akka.Actor;

namespace A3C.Bench.Actors;

/// <summary>
/// Many senders, one receiver. Each sender sends bursts of one preallocated message and waits for
/// the receiver's ack of the burst, so at most <c>senders * burst</c> messages are queued.
/// </summary>
public sealed class FanIn(int senders, int burst) : IScenario
{
    public sealed record Payload;

    public sealed record Ack;

    public sealed record Go(IActorRef Receiver);

    public Func<Task<long>> Prepare(ActorSystem system, long messages)
    {
        var bursts = Math.Max(1, messages / senders / burst);
        var total = bursts * burst * senders;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = system.ActorOf(Props.Create(() => new Receiver(total, burst, finished)), "receiver");
        var actors = Enumerable.Range(0, senders)
            .Select(i => system.ActorOf(Props.Create(() => new Sender(bursts, burst)), $"sender-{i}"))
            .ToList();

        return async () =>
        {
            foreach (var sender in actors) sender.Tell(new Go(receiver), ActorRefs.NoSender);
            await finished.Task;
            return total + bursts * senders; // payloads and acks
        };
    }

    private sealed class Sender : ReceiveActor
    {
        private readonly Payload _payload = new();
        private IActorRef _receiver = null!;
        private long _burstsLeft;

        public Sender(long bursts, int burst)
        {
            _burstsLeft = bursts;
            Receive<Go>(go =>
            {
                _receiver = go.Receiver;
                SendBurst(burst);
            });
            Receive<Ack>(_ => SendBurst(burst));
        }

        private void SendBurst(int burst)
        {
            if (_burstsLeft-- <= 0) return;
            for (var i = 0; i < burst; i++) _receiver.Tell(_payload, Self);
        }
    }

    private sealed class Receiver : ReceiveActor
    {
        private readonly Ack _ack = new();
        private readonly Dictionary<IActorRef, int> _perSender = [];
        private long _remaining;

        public Receiver(long total, int burst, TaskCompletionSource finished)
        {
            _remaining = total;
            Receive<Payload>(payload =>
            {
                ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_perSender, Sender, out _);
                if (++count == burst)
                {
                    count = 0;
                    Sender.Tell(_ack, Self);
                }
                if (--_remaining == 0) finished.TrySetResult();
            });
        }
    }
}
