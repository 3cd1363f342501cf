using System.Globalization;
using A3C.Actors.Training.Cluster.Serialization;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// The Akka configuration of an a3c cluster node: Akka.Cluster over Akka.Remote's TCP transport,
/// frames and socket buffers sized for weight snapshots, the node's role and seeds, the
/// split-brain resolver set to keep the learner's side of any partition, and the tensor channel
/// (<see cref="Tensors.TensorChannel"/>) on the same host.
/// </summary>
/// <remarks>
/// Split-brain resolver: <c>keep-oldest</c> on the <c>learner</c> role with <c>down-if-alone = off</c>.
/// The learner singleton runs on the oldest learner node, and only its side has the network, the
/// optimizer and the checkpoints, so that side always survives, however many workers are on the
/// other: keep-majority could down a learner cut off from three workers; static-quorum needs a fixed
/// cluster size, which workers joining and leaving at will do not have; lease-majority needs a
/// lease store. A worker side that downs itself loses nothing: its node starts a new actor system
/// and joins again once the learner is reachable (the same as after a learner restart).
/// Failure detection and SBR timings are Akka's defaults; a recipe's own <c>akka</c> section may
/// change them (<paramref name="fallback"/>), but not what this node's settings decide.
/// </remarks>
public static class ClusterNodeConfig
{
    public static Config Create(ClusterNodeSettings settings, Config? fallback = null)
    {
        var seeds = settings.Seeds.Select(seed => Quote(SeedNode.Parse(seed).ToString()));
        var hocon = $$"""
            akka {
              actor.provider = cluster
              remote.dot-netty.tcp {
                hostname = {{Quote(settings.Hostname)}}
                public-hostname = {{Quote(settings.PublicHostname ?? "")}}
                port = {{settings.Port.ToString(CultureInfo.InvariantCulture)}}
                maximum-frame-size = {{Bytes(settings.MaximumFrameSize)}}
                send-buffer-size = {{Bytes(settings.SocketBufferSize)}}
                receive-buffer-size = {{Bytes(settings.SocketBufferSize)}}
                # Akka turns SO_REUSEADDR on outside Windows, and .NET on Linux then also sets
                # SO_REUSEPORT: a second learner started on the same port would bind it too and take
                # half the workers' connections. Off, it fails to start instead.
                tcp-reuse-addr = off
              }
              cluster {
                seed-nodes = [{{string.Join(", ", seeds)}}]
                roles = [{{Quote(settings.Role)}}]
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-oldest
                  keep-oldest {
                    role = {{Quote(ClusterRoles.Learner)}}
                    down-if-alone = off
                  }
                }
              }
            }
            a3c.tensor-channel {
              hostname = {{Quote(settings.Hostname)}}
              port = {{settings.TensorPort.ToString(CultureInfo.InvariantCulture)}}
              maximum-frame-size = {{Bytes(settings.MaximumFrameSize)}}
            }
            """;
        var config = ConfigurationFactory.ParseString(hocon);
        return fallback is null ? config : config.WithFallback(fallback);
    }

    /// <summary>The node's config with the training messages' serializer bound: what <c>ActorSystem.Create</c> takes.</summary>
    public static ActorSystemSetup Setup(ClusterNodeSettings settings, Config? fallback = null) =>
        BootstrapSetup.Create().WithConfig(Create(settings, fallback)).And(TrainingMessageSerializer.Setup());

    private static string Bytes(int bytes) => $"{bytes.ToString(CultureInfo.InvariantCulture)}b";

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
