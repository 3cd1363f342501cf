using Akka.Actor;

namespace A3C.Actors.Monitoring;

/// <summary>Makes <see cref="ActorMetrics"/> one per actor system, created on first use.</summary>
public sealed class ActorMetricsId : ExtensionIdProvider<ActorMetrics>
{
    public override ActorMetrics CreateExtension(ExtendedActorSystem system)
    {
        var setup = system.Settings.Setup.Get<ActorMetricsSetup>();
        return new ActorMetrics(system, setup.HasValue
            ? setup.Value
            : new ActorMetricsSetup(new ActorMetricsLabels(system.Name, "", "")));
    }
}
