using System.Numerics;
using A3C.Actors.Cluster;
using A3C.Actors.Remote;
using A3C.Actors.Runtime;
using A3C.Models.Environments;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// Runs a worker node: an actor system reachable over TCP that joins the seed at
/// <paramref name="seed"/> and works for its learner (<see cref="WorkerNode{TObs}"/>) until
/// cancelled. It survives the learner coming and going; it ends with a
/// <see cref="TrainingFailedException"/> only when its recipe cannot train for the learner it found.
/// </summary>
public static class WorkerNodeSession
{
    public const string Role = "worker";

    /// <param name="onStarted">Called once the node is up, to attach what observes it; what it returns is disposed at the end.</param>
    public static async Task RunAsync(TrainingRecipe recipe, ActorSystemSettings? systemSettings, RemoteSettings remote, Address seed,
        ClusterSettings cluster, Func<ActorSystem, ClusterNode, Task<IAsyncDisposable?>>? onStarted = null, CancellationToken cancellationToken = default)
    {
        var (observationSpace, actionSpace, elementType) = recipe.Spaces();
        if (elementType == ElementType.UInt8)
            await RunAsync<byte>(recipe, observationSpace, actionSpace, systemSettings, remote, seed, cluster, onStarted, cancellationToken);
        else
            await RunAsync<float>(recipe, observationSpace, actionSpace, systemSettings, remote, seed, cluster, onStarted, cancellationToken);
    }

    private static async Task RunAsync<TObs>(TrainingRecipe recipe, BoxSpace observationSpace, Space actionSpace, ActorSystemSettings? systemSettings,
        RemoteSettings remote, Address seed, ClusterSettings cluster, Func<ActorSystem, ClusterNode, Task<IAsyncDisposable?>>? onStarted,
        CancellationToken cancellationToken)
        where TObs : unmanaged, INumber<TObs>
    {
        var system = ActorSystem.Create(seed.System, systemSettings);
        Remoting? remoting = null;
        IAsyncDisposable? attached = null;
        try
        {
            remoting = await Remoting.StartAsync(system, remote, TrainingCodecs.Registry());
            var node = ClusterNode.Join(remoting, seed, Role, cluster);
            attached = onStarted is null ? null : await onStarted(system, node);
            var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new WorkerNode<TObs>(recipe, observationSpace, actionSpace, remoting, node.Actor,
                cluster.MinRetryInterval, failed)), "worker-node");
            await failed.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            // Actors stop first, while remoting can still tell the seed this node is leaving.
            await system.Terminate();
            if (attached is not null) await attached.DisposeAsync();
            if (remoting is not null) await remoting.DisposeAsync();
        }
    }
}
