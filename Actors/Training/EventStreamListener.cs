using Akka.Actor;

namespace A3C.Actors.Training;

/// <summary>
/// Hands the events of one type published on an actor system's event stream to a callback outside
/// the actor world (the terminal's progress line, the scalar files, the monitoring endpoint).
/// </summary>
/// <remarks>
/// The callback runs inside a small actor, one event at a time in publishing order, so it needs no
/// locking of its own; it must not block for long, since events queue behind it.
/// </remarks>
public static class EventStreamListener
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts a listener. Disposing the result stops it once the events published before have been
    /// handed over, so a run's last progress record is never lost to the closing of its files.
    /// </summary>
    public static IAsyncDisposable Start<TEvent>(ActorSystem system, Action<TEvent> onEvent)
    {
        var listener = system.ActorOf(Props.Create(() => new Listener<TEvent>(onEvent)));
        // Subscribed before this returns, not when the listener starts: an event published in between would be lost.
        system.EventStream.Subscribe(listener, typeof(TEvent));
        return new Subscription(listener);
    }

    private sealed class Listener<TEvent> : ReceiveActor
    {
        public Listener(Action<TEvent> onEvent) => Receive<TEvent>(onEvent);

        protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
    }

    private sealed class Subscription(IActorRef listener) : IAsyncDisposable
    {
        // The stop message queues behind the events already delivered to the listener.
        public async ValueTask DisposeAsync() => await listener.GracefulStop(DrainTimeout);
    }
}
