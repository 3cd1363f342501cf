using A3C.Actors.Runtime;

namespace A3C.Actors.Remote;

/// <summary>Published on the event stream when the failure detector gives up on a node.</summary>
public sealed record AddressUnreachable(Address Address);
