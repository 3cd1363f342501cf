using System.Collections.Immutable;
using A3C.Actors.Runtime;

namespace A3C.Actors.Cluster;

/// <summary>
/// A joining node's membership (at <c>/user/cluster</c>): it sends <see cref="Join"/> to the seed
/// until welcomed, retrying with a doubling interval while the seed cannot be reached; then it
/// watches the seed, and when the seed is lost (its process died, or restarted at the same
/// address) it tells its subscribers and starts joining again.
/// </summary>
public sealed class ClusterJoiner : ReceiveActor, IWithTimers
{
    private sealed record RetryJoin;

    private const string RetryTimer = "retry-join";

    private readonly Address _selfAddress;
    private readonly string _role;
    private readonly IActorRef _seed;
    private readonly ClusterSettings _settings;
    private readonly ClusterView _view;
    private readonly HashSet<IActorRef> _subscribers = [];
    private TimeSpan _retryInterval;
    private JoinedCluster? _joined;

    /// <param name="seed">The seed's cluster actor, <c>tcp://a3c@host:port/user/cluster</c>.</param>
    public ClusterJoiner(Address selfAddress, string role, IActorRef seed, ClusterSettings settings, ClusterView view)
    {
        _selfAddress = selfAddress;
        _role = role;
        _seed = seed;
        _settings = settings;
        _view = view;
        _retryInterval = settings.MinRetryInterval;
        Receive<RetryJoin>(_ => SendJoin());
        Receive<Welcome>(OnWelcome);
        Receive<Terminated>(OnTerminated);
        Receive<SubscribeToMembership>(OnSubscribe);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => SendJoin();

    private void SendJoin()
    {
        if (_joined is not null) return;
        _seed.Tell(new Join(_role, Self), Self);
        Timers.StartSingleTimer(RetryTimer, new RetryJoin(), _retryInterval);
        _retryInterval = TimeSpan.FromTicks(Math.Min(_retryInterval.Ticks * 2, _settings.MaxRetryInterval.Ticks));
    }

    private void OnWelcome(Welcome welcome)
    {
        if (_joined is not null) return;
        Timers.Cancel(RetryTimer);
        _retryInterval = _settings.MinRetryInterval;
        Context.Watch(Sender);
        _joined = new JoinedCluster(Sender.Path.Address, welcome.NodeNumber);
        _view.Publish([
            new Member(_joined.Seed, welcome.SeedRole, 0, MemberStatus.Up, DateTimeOffset.UtcNow),
            new Member(_selfAddress, _role, welcome.NodeNumber, MemberStatus.Up, DateTimeOffset.UtcNow),
        ]);
        Context.System.Log.Info($"Cluster: joined {_joined.Seed} as node {welcome.NodeNumber} ({_role}).");
        Announce(_joined);
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_joined is null || terminated.ActorRef.Path.Address != _joined.Seed)
        {
            _subscribers.Remove(terminated.ActorRef);
            return;
        }
        var lost = new SeedLost(_joined.Seed);
        _joined = null;
        _view.Publish(ImmutableList<Member>.Empty);
        Context.System.Log.Warning($"Cluster: lost the seed {lost.Seed}; joining again.");
        Announce(lost);
        SendJoin();
    }

    private void OnSubscribe(SubscribeToMembership subscribe)
    {
        if (!_subscribers.Add(subscribe.Subscriber)) return;
        Context.Watch(subscribe.Subscriber);
        if (_joined is not null) subscribe.Subscriber.Tell(_joined, Self);
    }

    private void Announce(object membershipEvent)
    {
        Context.System.EventStream.Publish(membershipEvent);
        foreach (var subscriber in _subscribers) subscriber.Tell(membershipEvent, Self);
    }
}
