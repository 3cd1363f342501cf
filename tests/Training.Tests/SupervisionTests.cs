using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;

namespace A3C.Training.Tests;

/// <summary>How the run's workers come back after a crash, on Akka's supervision, with a probe in the rollout actor's place.</summary>
public sealed class SupervisionTests() : TestKit("akka.loglevel = OFF")
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static async Task<T> Next<T>(TestProbe probe, Predicate<T>? matching = null) =>
        await probe.FishForMessageAsync(matching ?? (_ => true), HangGuard);

    private IActorRef SupervisedEnvironment(TestProbe rollout, double crashProbability)
    {
        var settings = Recipes.CartPole("a2c", maxFrames: 1000).Environment;
        return Sys.ActorOf(Restarting.WithBackoff(
            Props.Create(() => new EnvironmentActor<float>(settings, rollout.Ref, crashProbability)), "environment"), "supervisor");
    }

    [Fact]
    public async Task An_environment_waits_for_its_seed_and_the_same_seed_gives_the_same_episodes()
    {
        var rollout = CreateTestProbe();
        var environment = SupervisedEnvironment(rollout, crashProbability: 0);
        await Next<EnvironmentStarted>(rollout);
        var incarnation = rollout.LastSender;
        rollout.ExpectNoMsg(TimeSpan.FromMilliseconds(50)); // nothing is reset before the seed comes

        incarnation.Tell(new ResetEnvironments(7), rollout.Ref);
        var first = await Next<EnvironmentReady<float>>(rollout);
        incarnation.Tell(new ResetEnvironments(7), rollout.Ref);
        var again = await Next<EnvironmentReady<float>>(rollout);
        incarnation.Tell(new ResetEnvironments(8), rollout.Ref);
        var other = await Next<EnvironmentReady<float>>(rollout);

        Assert.Equal(first.Observations, again.Observations);
        Assert.NotEqual(first.Observations, other.Observations);
        Assert.Equal(8 * 4, first.Observations.Length); // eight CartPole copies, stepped as one
    }

    [Fact]
    public async Task A_crashed_environment_is_started_again_by_its_backoff_supervisor_and_asks_for_a_seed_anew()
    {
        var rollout = CreateTestProbe();
        var supervisor = SupervisedEnvironment(rollout, crashProbability: 1); // every step crashes
        await Next<EnvironmentStarted>(rollout);
        var firstIncarnation = rollout.LastSender;
        firstIncarnation.Tell(new ResetEnvironments(1), rollout.Ref);
        await Next<EnvironmentReady<float>>(rollout);

        // Sent to the supervisor, which forwards it to the current incarnation.
        supervisor.Tell(new StepEnvironments(new int[8]), rollout.Ref);

        await Next<EnvironmentStarted>(rollout);
        Assert.NotEqual(firstIncarnation, rollout.LastSender);
        Watch(firstIncarnation);
        ExpectTerminated(firstIncarnation, HangGuard);
    }

    [Fact]
    public async Task A_worker_that_registers_again_under_its_index_is_counted_as_restarted()
    {
        var recipe = Recipes.CartPole("a2c", maxFrames: 1_000_000);
        var (observations, actions, _) = recipe.Spaces();
        var learner = Sys.ActorOf(Props.Create(() => new LearnerActor<float>(recipe, observations, actions)), "learner");
        var progress = CreateTestProbe();
        Sys.EventStream.Subscribe(progress.Ref, typeof(TrainingProgress));
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var replacement = CreateTestProbe();

        learner.Tell(new RegisterWorker(first.Ref, 0), first.Ref);
        learner.Tell(new RegisterWorker(second.Ref, 1), second.Ref);
        Sys.Stop(first.Ref);
        learner.Tell(new RegisterWorker(replacement.Ref, 0), replacement.Ref);

        Assert.Equal(0, (await Next<WeightSnapshot>(replacement)).Version);
        await Next<TrainingProgress>(progress, p => p.WorkerRestarts == 1);
    }
}
