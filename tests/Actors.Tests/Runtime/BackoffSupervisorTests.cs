using A3C.Actors.Runtime;
using A3C.Actors.Runtime.Supervision;

namespace A3C.Actors.Tests.Runtime;

public sealed class BackoffSupervisorTests : ActorTestBase
{
    private sealed class Flaky : ReceiveActor
    {
        public Flaky(IActorRef probe)
        {
            probe.Tell("started", Self);
            Receive<Boom>(b => throw new InvalidOperationException(b.Reason));
            Receive<string>(s => Sender.Tell("child:" + s, Self));
        }
    }

    private BackoffOptions Options(TestProbe probe, TimeSpan? resetAfter = null) =>
        new(Props.Create(() => new Flaky(probe)), "flaky", TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200),
            RandomFactor: 0.2, ResetBackoffAfter: resetAfter ?? TimeSpan.FromHours(1));

    [Fact]
    public async Task A_failed_child_is_started_again_after_a_backoff_and_messages_are_forwarded()
    {
        var probe = CreateProbe();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(probe)), "backoff");
        await probe.ExpectMsgAsync("started");
        Assert.Equal("child:hi", await supervisor.Ask<string>("hi", TestProbe.DefaultTimeout));

        supervisor.Tell(new Boom(), null);
        await probe.ExpectMsgAsync("started");
        Assert.Equal("child:again", await supervisor.Ask<string>("again", TestProbe.DefaultTimeout));
        var restarts = await supervisor.Ask<BackoffSupervisor.RestartCount>(new BackoffSupervisor.GetRestartCount(), TestProbe.DefaultTimeout);
        Assert.Equal(1, restarts.Count);
        var child = await supervisor.Ask<BackoffSupervisor.CurrentChild>(new BackoffSupervisor.GetCurrentChild(), TestProbe.DefaultTimeout);
        Assert.Equal("a3c://test/user/backoff/flaky", child.Ref!.Path.ToString());
    }

    [Fact]
    public async Task The_backoff_resets_after_a_stable_period()
    {
        var probe = CreateProbe();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(probe, TimeSpan.FromMilliseconds(20))));
        await probe.ExpectMsgAsync("started");
        supervisor.Tell(new Boom(), null);
        await probe.ExpectMsgAsync("started");

        // Poll (hang-guarded) until the reset timer has fired.
        using var guard = new CancellationTokenSource(TestProbe.DefaultTimeout);
        while ((await supervisor.Ask<BackoffSupervisor.RestartCount>(new BackoffSupervisor.GetRestartCount(), TestProbe.DefaultTimeout)).Count != 0)
            await Task.Delay(10, guard.Token);
    }

    [Fact]
    public void Delays_grow_exponentially_up_to_the_maximum_with_bounded_jitter()
    {
        var options = new BackoffOptions(Props.Create<CounterActor>(), "c", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), RandomFactor: 0.5);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.DelayFor(0, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), options.DelayFor(2, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), options.DelayFor(10, 0));
        Assert.InRange(options.DelayFor(0, 0.999999), TimeSpan.FromMilliseconds(149), TimeSpan.FromMilliseconds(150));
        Assert.Equal(TimeSpan.FromSeconds(1), options.DelayFor(1000, 0)); // no overflow
    }

    [Fact]
    public void Invalid_options_name_the_field()
    {
        var bad = new BackoffOptions(Props.Create<CounterActor>(), "c", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BackoffSupervisor.Props(bad));
        Assert.Contains("MaxBackoff", error.Message);
    }
}
