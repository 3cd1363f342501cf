namespace A3C.Actors.Training.Cluster;

/// <summary>
/// Where a node listens, whom it joins and what it is: everything <see cref="ClusterNodeConfig"/>
/// turns into Akka's HOCON.
/// </summary>
/// <param name="Role">The node's Akka.Cluster role (<see cref="ClusterRoles"/>).</param>
/// <param name="Hostname">The address to bind, and to advertise unless <see cref="PublicHostname"/> is set.</param>
/// <param name="Port">0 for any free port (a worker); the learner's is the one workers are given as seed.</param>
/// <param name="Seeds">Nodes to join through, as <c>HOST:PORT</c>; with none the node waits to be told whom to join (a learner that starts a cluster joins itself).</param>
public sealed record ClusterNodeSettings(string Role, string Hostname, int Port, IReadOnlyList<string> Seeds)
{
    /// <summary>The actor system every node of an a3c cluster runs: Akka.Cluster joins only systems of one name.</summary>
    public const string SystemName = "a3c";

    /// <summary>The address other nodes reach this one at, when it differs from the bound one (NAT, containers).</summary>
    public string? PublicHostname { get; init; }

    /// <summary>
    /// The largest message Akka.Remote carries. Above it a message is dropped with only a log line on
    /// the sender, so it must hold a whole weight snapshot (13 MiB for the Atari network) and a
    /// PixelPong experience batch with room to spare.
    /// </summary>
    public int MaximumFrameSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>The tensor channel's port (<see cref="Tensors.TensorChannel"/>); 0 for any free port.</summary>
    public int TensorPort { get; init; }

    /// <summary>The sockets' send and receive buffers: Akka's default (256 kB) holds 2% of a snapshot.</summary>
    public int SocketBufferSize { get; init; } = 4 * 1024 * 1024;
}
