using Akka.Actor;

namespace A3C.Bench.Actors;

/// <summary>
/// Pairs of actors bouncing preallocated balls back and forth; each pair starts with
/// <c>inFlight</c> balls. A pair is done when its first actor has received its share.
/// </summary>
public sealed class PingPong(int pairs, int inFlight) : IScenario
{
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
            foreach (var (ping, pong) in serves) ping.Tell(new Rally.Serve(pong, inFlight), ActorRefs.NoSender);
            await Task.WhenAll(done);
            return perActor * 2 * pairs; // the partner has received the same number, give or take the balls in flight
        };
    }

    private sealed class Player : ReceiveActor
    {
        public Player(long toReceive, TaskCompletionSource? finished)
        {
            var rally = new Rally(toReceive, finished);
            Receive<Rally.Ball>(ball => rally.Return(ball, Sender, Self));
            Receive<Rally.Serve>(serve => Rally.Start(serve, Self));
        }
    }
}
