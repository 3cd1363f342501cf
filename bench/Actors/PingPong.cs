using Akka.Actor;

namespace A3C.Bench.Actors;

/// <summary>
/// Pairs of actors bouncing preallocated balls back and forth; each pair starts with
/// <c>inFlight</c> balls. A pair is done when its first actor has received its share.
/// </summary>
public sealed class PingPong(int pairs, int inFlight) : IScenario
{
    public sealed record Ball;

    public sealed record Serve(IActorRef Partner, int Balls);

    public Func<Task<long>> Prepare(ActorSystem system, long messages)
    {
        var perActor = messages / pairs / 2;
        var done = new List<Task>();
        var serves = new List<(IActorRef Ping, IActorRef Pong)>();
        for (var p = 0; p < pairs; p++)
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ping = system.ActorOf(Props.Create(() => new Player(perActor, finished)), $"ping-{p}");
            var pong = system.ActorOf(Props.Create(() => new Player(long.MaxValue, null)), $"pong-{p}");
            done.Add(finished.Task);
            serves.Add((ping, pong));
        }

        return async () =>
        {
            foreach (var (ping, pong) in serves) ping.Tell(new Serve(pong, inFlight), ActorRefs.NoSender);
            await Task.WhenAll(done);
            return perActor * 2 * pairs; // the partner has received the same number, give or take the balls in flight
        };
    }

    private sealed class Player : ReceiveActor
    {
        private long _remaining;

        public Player(long toReceive, TaskCompletionSource? finished)
        {
            _remaining = toReceive;
            Receive<Ball>(ball =>
            {
                if (--_remaining > 0) Sender.Tell(ball, Self);
                else if (_remaining == 0) finished?.TrySetResult();
            });
            Receive<Serve>(serve =>
            {
                for (var i = 0; i < serve.Balls; i++) serve.Partner.Tell(new Ball(), Self);
            });
        }
    }
}
