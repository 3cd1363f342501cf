using Akka.Actor;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// Answers <see cref="DescribeTraining"/> on the learner node with the run's
/// <see cref="TrainingContract"/>, at <see cref="Path"/> where worker nodes look for it.
/// </summary>
public sealed class TrainingContractResponder : ReceiveActor
{
    public const string Name = "training-contract";

    public static string Path => $"/user/{Name}";

    public TrainingContractResponder(TrainingContract contract) => Receive<DescribeTraining>(_ => Sender.Tell(contract));
}
