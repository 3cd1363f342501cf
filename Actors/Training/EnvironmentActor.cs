using System.Numerics;
using A3C.Actors.Monitoring;
using Akka.Actor;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Settings;
using A3C.Models.Environments;

namespace A3C.Actors.Training;

/// <summary>
/// Owns N copies of an environment and steps them all for each <see cref="StepEnvironments"/>,
/// replying with one <see cref="EnvironmentStepped{TObs}"/>. Each incarnation (the first, and each
/// one its backoff supervisor starts after a crash) announces itself with
/// <see cref="EnvironmentStarted"/>, resets its copies with the seed the rollout actor answers, and
/// tells it the first observations with <see cref="EnvironmentReady{TObs}"/>.
/// </summary>
public sealed class EnvironmentActor<TObs> : InstrumentedReceiveActor where TObs : unmanaged, INumber<TObs>
{
    private readonly VectorEnv<TObs> _envs;
    private readonly IActorRef _rollout;
    private readonly double _crashProbability;
    private readonly Random _faults;

    public EnvironmentActor(EnvironmentSettings settings, IActorRef rollout, double crashProbability)
    {
        _envs = EnvironmentRegistry.Standard.MakeVector<TObs>(settings.Id, settings.EnvsPerWorker, settings.ToOptions());
        _rollout = rollout;
        _crashProbability = crashProbability;
        // Not seeded: a restarted incarnation must not crash again at the very same step.
        _faults = new Random();
        Receive<ResetEnvironments>(Reset);
        Receive<StepEnvironments>(Step);
    }

    protected override void PreStart() => _rollout.Tell(new EnvironmentStarted(), Self);

    private void Reset(ResetEnvironments reset)
    {
        _envs.Reset(reset.Seed);
        _rollout.Tell(new EnvironmentReady<TObs>((TObs[])_envs.Observations.Clone()), Self);
    }

    private void Step(StepEnvironments step)
    {
        if (_crashProbability > 0 && _faults.NextDouble() < _crashProbability) throw new InjectedFaultException();
        _envs.Step(step.Actions);
        var episodes = new EpisodeStatistics[_envs.FinishedEpisodes.Count];
        for (var i = 0; i < episodes.Length; i++) episodes[i] = _envs.FinishedEpisodes[i].Statistics;
        Sender.Tell(new EnvironmentStepped<TObs>(
            (TObs[])_envs.Observations.Clone(), (TObs[])_envs.FinalObservations.Clone(), (float[])_envs.Rewards.Clone(),
            (bool[])_envs.Terminated.Clone(), (bool[])_envs.Truncated.Clone(), episodes), Self);
    }
}
