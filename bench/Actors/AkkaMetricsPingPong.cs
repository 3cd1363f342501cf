using A3C.Actors.Monitoring;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;

namespace A3C.Bench.Actors;

/// <summary>
/// One pair of Akka.NET actors bouncing preallocated balls, plain <see cref="ReceiveActor"/>s or
/// <see cref="InstrumentedReceiveActor"/>s with identical bodies: the difference is what the
/// per-actor metrics cost per message.
/// </summary>
public static class AkkaMetricsPingPong
{
    /// <summary>How the pair is built and watched.</summary>
    public sealed record Variant(string Name, bool Instrumented, bool Exported, int TimingSampleInterval);

    public static readonly IReadOnlyList<Variant> Variants =
    [
        new("plain ReceiveActor", Instrumented: false, Exported: false, ActorMetricsSetup.DefaultTimingSampleInterval),
        new("instrumented, no listener", Instrumented: true, Exported: false, ActorMetricsSetup.DefaultTimingSampleInterval),
        new("instrumented + OTel, 1/64 timed", Instrumented: true, Exported: true, ActorMetricsSetup.DefaultTimingSampleInterval),
        new("instrumented + OTel, all timed", Instrumented: true, Exported: true, TimingSampleInterval: 1),
    ];

    /// <summary>Starts a system for <paramref name="variant"/> and its pair; the task runs the pair and returns the messages processed.</summary>
    public static (ActorSystem System, Func<Task<long>> Run) Prepare(Variant variant, long messages, int inFlight)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
        var setup = ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config),
            new ActorMetricsSetup(new ActorMetricsLabels("bench", "none", "local"), variant.TimingSampleInterval));
        var system = ActorSystem.Create("bench", setup);
        var perActor = messages / 2;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ping = system.ActorOf(PlayerProps(variant, perActor, finished), "ping");
        var pong = system.ActorOf(PlayerProps(variant, long.MaxValue, null), "pong");
        return (system, async () =>
        {
            ping.Tell(new Rally.Serve(pong, inFlight));
            await finished.Task;
            return perActor * 2;
        });
    }

    private static Props PlayerProps(Variant variant, long toReceive, TaskCompletionSource? finished) =>
        variant.Instrumented
            ? Props.Create(() => new InstrumentedPlayer(toReceive, finished))
            : Props.Create(() => new PlainPlayer(toReceive, finished));

    private sealed class PlainPlayer : ReceiveActor
    {
        public PlainPlayer(long toReceive, TaskCompletionSource? finished)
        {
            var rally = new Rally(toReceive, finished);
            Receive<Rally.Ball>(ball => rally.Return(ball, Sender, Self));
            Receive<Rally.Serve>(serve => Rally.Start(serve, Self));
        }
    }

    private sealed class InstrumentedPlayer : InstrumentedReceiveActor
    {
        public InstrumentedPlayer(long toReceive, TaskCompletionSource? finished)
        {
            var rally = new Rally(toReceive, finished);
            Receive<Rally.Ball>(ball => rally.Return(ball, Sender, Self));
            Receive<Rally.Serve>(serve => Rally.Start(serve, Self));
        }
    }
}
