using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Training;

/// <summary>The parent of the workers: starts <c>count</c> of them as <c>worker-0</c>, <c>worker-1</c>, ...</summary>
public sealed class WorkerPool : InstrumentedReceiveActor
{
    public WorkerPool(int count, Func<int, Props> workerProps)
    {
        for (var i = 0; i < count; i++) Context.ActorOf(workerProps(i), $"worker-{i}");
    }
}
