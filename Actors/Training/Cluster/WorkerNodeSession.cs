using System.Numerics;
using A3C.Models.Environments;
using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// Runs a worker node until cancelled: an actor system that joins the cluster through its seeds and
/// works for the learner (<see cref="WorkerNode{TObs}"/>). When the system is downed (the learner
/// was lost: the split-brain resolver keeps only the learner's side) it starts a new one that joins
/// again, waiting for as long as it takes for a learner to be back. It ends with a
/// <see cref="TrainingFailedException"/> only when its recipe does not fit the learner's.
/// </summary>
public static class WorkerNodeSession
{
    /// <param name="startSystem">
    /// Starts a new actor system configured as this worker node (<see cref="ClusterNodeConfig"/>), with
    /// what observes it; disposing the owner stops both.
    /// </param>
    public static async Task RunAsync(TrainingRecipe recipe, Func<Task<(ActorSystem System, IAsyncDisposable Owner)>> startSystem,
        TimeSpan retryInterval, CancellationToken cancellationToken = default)
    {
        var (observationSpace, actionSpace, elementType) = recipe.Spaces();
        while (true)
        {
            var downed = elementType == ElementType.UInt8
                ? await RunOnceAsync<byte>(recipe, observationSpace, actionSpace, startSystem, retryInterval, cancellationToken)
                : await RunOnceAsync<float>(recipe, observationSpace, actionSpace, startSystem, retryInterval, cancellationToken);
            if (!downed) return;
            await Task.Delay(retryInterval, cancellationToken);
        }
    }

    /// <returns>True when the node was downed and should join again; false once cancelled.</returns>
    private static async Task<bool> RunOnceAsync<TObs>(TrainingRecipe recipe, BoxSpace observationSpace, Space actionSpace,
        Func<Task<(ActorSystem System, IAsyncDisposable Owner)>> startSystem, TimeSpan retryInterval, CancellationToken cancellationToken)
        where TObs : unmanaged, INumber<TObs>
    {
        var (system, owner) = await startSystem();
        try
        {
            var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new WorkerNode<TObs>(recipe, observationSpace, actionSpace, retryInterval, failed)), "worker-node");
            var ended = await Task.WhenAny(failed.Task, system.WhenTerminated).WaitAsync(cancellationToken);
            await ended; // a recipe that does not fit throws here
            system.Log.Warning("This worker node left the cluster; joining again as a new node.");
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            // Leaving through the coordinated shutdown tells the cluster this node is going.
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
            await owner.DisposeAsync();
        }
    }
}
