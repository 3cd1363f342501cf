using Akka.Actor;

namespace A3C.Bench.Actors;

/// <summary>
/// A ping-pong player's part, the same whatever actor base plays it: returns each ball until it has
/// received its share, then says it is done; a serve sends the first balls to the partner.
/// </summary>
public sealed class Rally(long toReceive, TaskCompletionSource? finished)
{
    public sealed record Ball;

    public sealed record Serve(IActorRef Partner, int Balls);

    private long _remaining = toReceive;

    public void Return(Ball ball, IActorRef sender, IActorRef self)
    {
        if (--_remaining > 0) sender.Tell(ball, self);
        else if (_remaining == 0) finished?.TrySetResult();
    }

    public static void Start(Serve serve, IActorRef self)
    {
        for (var i = 0; i < serve.Balls; i++) serve.Partner.Tell(new Ball(), self);
    }
}
