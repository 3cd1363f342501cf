namespace A3C.Actors.Runtime;

/// <summary>
/// Where an actor system lives. Local systems render as <c>a3c://name</c>; a remote system adds
/// host and port, Akka-style: <c>tcp://name@host:port</c>.
/// </summary>
public sealed record Address(string Protocol, string System, string? Host = null, int? Port = null)
{
    public const string LocalProtocol = "a3c";

    public static Address Local(string system) => new(LocalProtocol, system);

    public bool HasLocalScope => Host is null;

    public override string ToString() =>
        Host is null ? $"{Protocol}://{System}" : $"{Protocol}://{System}@{Host}:{Port}";
}
