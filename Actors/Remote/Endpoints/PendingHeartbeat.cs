namespace A3C.Actors.Remote.Endpoints;

/// <summary>
/// A heartbeat the endpoint's timer asked for that its writer has not sent yet. The writer looks
/// here between messages and between chunks, so a heartbeat never waits behind a backlog of large
/// messages (a slow link, or arrays being compressed): a busy peer is not taken for a lost one.
/// </summary>
internal sealed class PendingHeartbeat
{
    private int _due;

    public void Request() => Volatile.Write(ref _due, 1);

    /// <summary>True once per request: the caller sends it.</summary>
    public bool TryTake() => Interlocked.Exchange(ref _due, 0) == 1;
}
