namespace A3C.Actors.Runtime.Event;

/// <summary>
/// Publish/subscribe by type, for system-wide events: dead letters, unhandled messages, log
/// events. A subscriber to a type receives events of that type and its subtypes. Subscribers are
/// actors (sent a message) or delegates (called on the publishing thread; keep them short).
/// </summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        lock (_gate)
        {
            foreach (var s in _subscriptions)
                if (s.Channel == channel && subscriber.Equals(s.Actor)) return false;
            _subscriptions = [.. _subscriptions, new Subscription(channel, subscriber, null)];
            return true;
        }
    }

    /// <summary>Removes the actor's subscription to <paramref name="channel"/>, or to every channel when null.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type? channel = null) =>
        Remove(s => subscriber.Equals(s.Actor) && (channel is null || s.Channel == channel));

    /// <summary>Calls <paramref name="handler"/> for every published <typeparamref name="T"/>; dispose to stop.</summary>
    public IDisposable Subscribe<T>(Action<T> handler)
    {
        var subscription = new Subscription(typeof(T), null, e => handler((T)e));
        lock (_gate) _subscriptions = [.. _subscriptions, subscription];
        return new Unsubscriber(this, subscription);
    }

    public void Publish(object @event)
    {
        var type = @event.GetType();
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!subscription.Channel.IsAssignableFrom(type)) continue;
            if (subscription.Actor is not null) subscription.Actor.Tell(@event, null);
            else Invoke(subscription.Handler!, @event);
        }
    }

    /// <summary>A failing subscriber must not fail the actor that published.</summary>
    private static void Invoke(Action<object> handler, object @event)
    {
        try
        {
            handler(@event);
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"Event stream subscriber failed on {@event.GetType().Name}: {exception}");
        }
    }

    private bool Remove(Predicate<Subscription> match)
    {
        lock (_gate)
        {
            var kept = Array.FindAll(_subscriptions, s => !match(s));
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }

    private sealed record Subscription(Type Channel, IActorRef? Actor, Action<object>? Handler);

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose() => stream.Remove(s => ReferenceEquals(s, subscription));
    }
}
