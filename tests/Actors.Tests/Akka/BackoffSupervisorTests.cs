using Akka.Actor;
using Akka.Pattern;
using Akka.TestKit;

namespace A3C.Actors.Tests.Akka;

/// <summary>
/// <see cref="BackoffSupervisor"/> with <see cref="Backoff.OnFailure(Props, string, TimeSpan, TimeSpan, double, int)"/>
/// (Akka 1.5.75 has no <c>BackoffOpts</c>; the overload without <c>maxNrOfRetries</c> is obsolete).
/// The pauses run on the virtual clock, so each one is measured exactly: nothing starts one tick early,
/// and the child is back once the clock reaches the pause.
/// </summary>
public sealed class BackoffSupervisorTests() : ActorTestKit(VirtualTime)
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    /// <summary>Tells the probe "started" each time an instance starts; throws on <see cref="Boom"/>; echoes strings.</summary>
    private sealed class Flaky : ReceiveActor
    {
        public Flaky(IActorRef probe)
        {
            probe.Tell("started", Self);
            Receive<Boom>(b => throw new InvalidOperationException(b.Reason));
            Receive<string>(s => Sender.Tell("child:" + s, Self));
        }
    }

    /// <summary>
    /// Jitter-free options; the automatic reset (Akka's default: once a child has lived <c>MinBackoff</c>;
    /// ours: ten times that) is pushed out of the way unless a test sets it.
    /// </summary>
    private BackoffOptions Options(IActorRef probe, double randomFactor = 0, int maxNrOfRetries = -1) =>
        Backoff.OnFailure(Props.Create(() => new Flaky(probe)), "flaky", MinBackoff, MaxBackoff, randomFactor, maxNrOfRetries)
            .WithAutoReset(TimeSpan.FromDays(1));

    private async Task<int> RestartCount(IActorRef supervisor) =>
        (await supervisor.Ask<BackoffSupervisor.RestartCount>(BackoffSupervisor.GetRestartCount.Instance, HangGuard)).Count;

    private async Task<IActorRef?> CurrentChild(IActorRef supervisor) =>
        (await supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, HangGuard)).Ref;

    /// <summary>
    /// Crashes the child and waits until the supervisor has seen it stop and scheduled the next start
    /// (it counts the restart in the same step), so that the virtual pause starts now.
    /// </summary>
    private async Task CrashAndAwaitScheduledRestart(IActorRef supervisor, int restartsBefore)
    {
        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(Telling(supervisor, new Boom()));
        await AwaitConditionAsync(async () => await RestartCount(supervisor) == restartsBefore + 1, HangGuard);
        Assert.Null(await CurrentChild(supervisor));
    }

    /// <summary>Moves the clock one tick short of <paramref name="pause"/>: no child yet; then the last tick: the child starts.</summary>
    private async Task AssertChildReturnsAfterExactly(IActorRef supervisor, TimeSpan pause)
    {
        Clock.Advance(pause - OneTick);
        // The ask queues behind any StartChild the clock just sent, so "no child" here is a fact, not a race.
        Assert.Null(await CurrentChild(supervisor));
        Clock.Advance(OneTick);
        await ExpectMsgAsync("started");
    }

    [Fact]
    public async Task A_failed_child_is_started_again_after_a_backoff_and_messages_are_forwarded()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor)), "backoff");
        await ExpectMsgAsync("started");
        Assert.Equal("child:hi", await supervisor.Ask<string>("hi", HangGuard));
        var firstChild = await CurrentChild(supervisor);

        await CrashAndAwaitScheduledRestart(supervisor, restartsBefore: 0);
        await AssertChildReturnsAfterExactly(supervisor, MinBackoff);

        Assert.Equal("child:again", await supervisor.Ask<string>("again", HangGuard));
        Assert.Equal(1, await RestartCount(supervisor));
        var child = await CurrentChild(supervisor);
        Assert.Equal("akka://test/user/backoff/flaky", child!.Path.ToString());
        // Like ours, Akka's OnFailure back-off stops the failed child and creates a new one (a new
        // incarnation), where a plain Restart directive would have kept the ref.
        Assert.NotEqual(firstChild, child);
    }

    [Fact]
    public async Task Pauses_double_with_each_failure_up_to_the_maximum()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor)));
        await ExpectMsgAsync("started");

        // 1 s, 2 s, 4 s, then capped at 4 s.
        var expected = new[] { 1, 2, 4, 4 }.Select(s => TimeSpan.FromSeconds(s)).ToArray();
        for (var failure = 0; failure < expected.Length; failure++)
        {
            await CrashAndAwaitScheduledRestart(supervisor, restartsBefore: failure);
            await AssertChildReturnsAfterExactly(supervisor, expected[failure]);
        }
    }

    [Fact]
    public async Task Jitter_only_lengthens_a_pause_and_by_at_most_the_random_factor()
    {
        const double randomFactor = 0.5;
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor, randomFactor)));
        await ExpectMsgAsync("started");

        await CrashAndAwaitScheduledRestart(supervisor, restartsBefore: 0);
        Clock.Advance(MinBackoff - OneTick);
        Assert.Null(await CurrentChild(supervisor)); // never shorter than the plain pause
        Clock.Advance(MinBackoff * randomFactor + OneTick);
        await ExpectMsgAsync("started"); // never longer than pause * (1 + randomFactor)
    }

    [Fact]
    public async Task The_backoff_resets_after_a_stable_period()
    {
        var resetAfter = TimeSpan.FromSeconds(10);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor).WithAutoReset(resetAfter)));
        await ExpectMsgAsync("started");
        await CrashAndAwaitScheduledRestart(supervisor, restartsBefore: 0);
        await AssertChildReturnsAfterExactly(supervisor, MinBackoff);
        await CrashAndAwaitScheduledRestart(supervisor, restartsBefore: 1);
        await AssertChildReturnsAfterExactly(supervisor, MinBackoff * 2);
        Assert.Equal(2, await RestartCount(supervisor));

        Clock.Advance(resetAfter); // the child has now lived resetAfter without failing
        await AwaitConditionAsync(async () => await RestartCount(supervisor) == 0, HangGuard);

        // And the next failure pauses for the minimum again, not 4 s.
        await CrashAndAwaitScheduledRestart(supervisor, restartsBefore: 0);
        await AssertChildReturnsAfterExactly(supervisor, MinBackoff);
    }

    [Fact]
    public async Task A_manual_reset_brings_the_pause_back_to_the_minimum()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor).WithManualReset()));
        await ExpectMsgAsync("started");
        await CrashAndAwaitScheduledRestart(supervisor, restartsBefore: 0);
        await AssertChildReturnsAfterExactly(supervisor, MinBackoff);

        supervisor.Tell(BackoffSupervisor.Reset.Instance);

        await CrashAndAwaitScheduledRestart(supervisor, restartsBefore: 0);
        await AssertChildReturnsAfterExactly(supervisor, MinBackoff);
    }

    [Fact]
    public async Task The_supervisor_stops_once_the_child_fails_more_than_maxNrOfRetries_times()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor, maxNrOfRetries: 1)));
        Watch(supervisor);
        await ExpectMsgAsync("started");
        await CrashAndAwaitScheduledRestart(supervisor, restartsBefore: 0);
        await AssertChildReturnsAfterExactly(supervisor, MinBackoff);

        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(Telling(supervisor, new Boom()));

        await ExpectTerminatedAsync(supervisor);
    }

    [Fact]
    public void Invalid_options_are_refused_when_the_props_are_made()
    {
        // Akka checks when BackoffSupervisor.Props reads the options, and says which bound was broken.
        var error = Assert.Throws<ArgumentException>(() => BackoffSupervisor.Props(
            Backoff.OnFailure(Props.Create<CounterActor>(), "c", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 0, -1)));
        Assert.Contains("MaxBackoff", error.Message);
        error = Assert.Throws<ArgumentException>(() => BackoffSupervisor.Props(
            Backoff.OnFailure(Props.Create<CounterActor>(), "c", TimeSpan.Zero, TimeSpan.FromSeconds(1), 0, -1)));
        Assert.Contains("MinBackoff", error.Message);
        error = Assert.Throws<ArgumentException>(() => BackoffSupervisor.Props(
            Backoff.OnFailure(Props.Create<CounterActor>(), "c", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 1.5, -1)));
        Assert.Contains("RandomFactor", error.Message);
    }
}
