using A3C.Actors.Runtime;

namespace A3C.Actors.Cluster;

// Published on the event stream of the node where they happen.

/// <summary>On the seed: a node joined.</summary>
public sealed record MemberUp(Member Member);

/// <summary>On the seed: a node left or became unreachable; its work is no longer expected.</summary>
public sealed record MemberRemoved(Member Member);

/// <summary>On a joining node (and told to its subscribers): the seed at <paramref name="Seed"/> accepted it as node <paramref name="NodeNumber"/>.</summary>
public sealed record JoinedCluster(Address Seed, int NodeNumber);

/// <summary>On a joining node (and told to its subscribers): the seed is gone; the node keeps trying to join again.</summary>
public sealed record SeedLost(Address Seed);

/// <summary>
/// Asks a node's cluster actor to tell <paramref name="Subscriber"/> about joining and losing the
/// seed, starting with the current state, so a subscriber that starts late misses nothing.
/// </summary>
public sealed record SubscribeToMembership(IActorRef Subscriber);
