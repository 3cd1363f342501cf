using A3C.Actors.Runtime;

namespace A3C.Actors.Remote;

/// <summary>
/// Local actors watching remote ones, by the remote node's address. Needed twice: to tell every
/// watcher of a lost node's actors that they are gone, and to hand a watcher back the very ref it
/// watched (a ref resolved by path has uid 0, the notification carries the real uid).
/// </summary>
internal sealed class RemoteWatches
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Address, List<(RemoteActorRef Watchee, ActorRefBase Watcher)>> _byAddress = [];

    public void Add(RemoteActorRef watchee, ActorRefBase watcher)
    {
        lock (_gate)
        {
            if (!_byAddress.TryGetValue(watchee.Path.Address, out var watches))
                _byAddress[watchee.Path.Address] = watches = [];
            watches.Add((watchee, watcher));
        }
    }

    public void Remove(RemoteActorRef watchee, ActorRefBase watcher)
    {
        lock (_gate)
        {
            if (_byAddress.TryGetValue(watchee.Path.Address, out var watches))
                watches.RemoveAll(w => w.Watchee.Equals(watchee) && w.Watcher.Equals(watcher));
        }
    }

    /// <summary>The remote actor died: notify <paramref name="watcher"/> with the ref it watched.</summary>
    public void Notify(ActorRefBase watcher, DeathWatchNotification notification)
    {
        var dead = notification.Actor;
        var deadUid = (dead as ActorRefBase)?.Uid ?? 0;
        RemoteActorRef? watched = null;
        lock (_gate)
        {
            if (_byAddress.TryGetValue(dead.Path.Address, out var watches))
            {
                var index = watches.FindIndex(w =>
                    w.Watcher.Equals(watcher) && w.Watchee.Path.Equals(dead.Path) && (w.Watchee.Uid == 0 || w.Watchee.Uid == deadUid));
                if (index >= 0)
                {
                    watched = watches[index].Watchee;
                    watches.RemoveAt(index);
                }
            }
        }
        watcher.SendSystemMessage(watched is null ? notification : notification with { Actor = watched });
    }

    /// <summary>The node is gone: every watcher of its actors learns they are terminated, existence unconfirmed.</summary>
    public void NodeLost(Address address)
    {
        List<(RemoteActorRef Watchee, ActorRefBase Watcher)>? watches;
        lock (_gate)
        {
            if (_byAddress.Remove(address, out watches) is false) return;
        }
        foreach (var (watchee, watcher) in watches!)
            watcher.SendSystemMessage(new DeathWatchNotification(watchee, ExistenceConfirmed: false));
    }
}
