using Akka.Actor;

namespace A3C.Actors.Tests.Akka;

/// <summary>Reports its constructor and every lifecycle hook to the probe as a string; echoes strings to their sender.</summary>
public sealed class HookRecorder : ReceiveActor
{
    private readonly IActorRef _probe;

    public HookRecorder(IActorRef probe)
    {
        _probe = probe;
        _probe.Tell("ctor", Self);
        Receive<Boom>(boom => throw new InvalidOperationException(boom.Reason));
        Receive<string>(text => Sender.Tell(text, Self));
    }

    protected override void PreStart() => _probe.Tell("preStart", Self);

    protected override void PostStop() => _probe.Tell("postStop", Self);

    protected override void PreRestart(Exception reason, object message)
    {
        _probe.Tell($"preRestart:{reason.Message}:{message}", Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"postRestart:{reason.Message}", Self);
        base.PostRestart(reason);
    }
}
