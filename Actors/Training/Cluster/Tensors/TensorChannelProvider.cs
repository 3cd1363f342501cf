using Akka.Actor;

namespace A3C.Actors.Training.Cluster.Tensors;

/// <summary>Starts a node's <see cref="TensorChannel"/> the first time it is asked for, with the node's settings.</summary>
public sealed class TensorChannelProvider : ExtensionIdProvider<TensorChannel>
{
    public override TensorChannel CreateExtension(ExtendedActorSystem system) =>
        new(system, TensorChannelSettings.FromConfig(system.Settings.Config));
}
