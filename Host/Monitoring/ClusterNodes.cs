using A3C.Actors.Cluster;
using A3C.Actors.Training.Messages;

namespace A3C.Host.Monitoring;

/// <summary>Joins the membership with what the learner counted per node, for the endpoint's documents.</summary>
public static class ClusterNodes
{
    public static IReadOnlyList<NodeDocument> Describe(ClusterNode? cluster, TrainingProgress? latest)
    {
        if (cluster is null) return [];
        var contributions = new Dictionary<string, (long Frames, double FramesPerSecond)>(StringComparer.Ordinal);
        foreach (var c in latest?.Nodes ?? [])
        {
            // Workers in the learner's own process report a local address: they are this node's.
            var key = c.Node.HasLocalScope ? cluster.SelfAddress.ToString() : c.Node.ToString();
            var (frames, rate) = contributions.GetValueOrDefault(key);
            contributions[key] = (frames + c.Frames, rate + c.FramesPerSecond);
        }
        return [.. cluster.Nodes().Select(n =>
        {
            var address = n.Member.Address.ToString();
            var known = contributions.TryGetValue(address, out var contribution);
            return new NodeDocument(address, n.Member.Role, n.Member.NodeNumber, n.Member.Status.ToString().ToLowerInvariant(), n.IsSelf,
                n.Member.JoinedAt, n.Member.RemovedAt, n.LastHeartbeat, n.BytesSent, n.BytesReceived,
                known ? contribution.Frames : null, known ? contribution.FramesPerSecond : null);
        })];
    }
}
