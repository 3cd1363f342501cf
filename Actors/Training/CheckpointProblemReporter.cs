using A3C.Actors.Persistence.Checkpoints;
using Akka.Actor;

namespace A3C.Actors.Training;

/// <summary>Passes each <see cref="CheckpointNotStored"/> on the event stream to the command's output, as one line.</summary>
public sealed class CheckpointProblemReporter : ReceiveActor
{
    public CheckpointProblemReporter(Action<string> report)
    {
        Receive<CheckpointNotStored>(notStored => report(
            $"the checkpoint of step {notStored.Step} of run '{notStored.Run}' was not stored ({notStored.Reason}); " +
            "training goes on, and the newest state is kept and tried again"));
    }

    public static Props Props(Action<string> report) => Akka.Actor.Props.Create(() => new CheckpointProblemReporter(report));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(CheckpointNotStored));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
