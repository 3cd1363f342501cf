using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Tests.Akka;

public sealed class LifecycleTests : ActorTestKit
{
    /// <summary>Tells the probe "&lt;name&gt; started" and "&lt;name&gt; stopped" from its hooks; makes a child of the same kind if given its name.</summary>
    private sealed class StopReporter : ReceiveActor
    {
        private readonly string _name;
        private readonly IActorRef _probe;

        public StopReporter(string name, IActorRef probe, string? childName)
        {
            _name = name;
            _probe = probe;
            if (childName is not null) Context.ActorOf(Props.Create(() => new StopReporter(childName, probe, null)), childName);
            ReceiveAny(_ => { });
        }

        protected override void PreStart() => _probe.Tell($"{_name} started");

        protected override void PostStop() => _probe.Tell($"{_name} stopped");
    }

    [Fact]
    public async Task PoisonPill_stops_after_the_messages_queued_before_it()
    {
        var deadLetters = ProbeFor<DeadLetter>();
        var actor = Sys.ActorOf(Props.Create(() => new HookRecorder(TestActor)));
        await ExpectMsgAsync("ctor");
        await ExpectMsgAsync("preStart");

        actor.Tell("first", TestActor);
        actor.Tell(PoisonPill.Instance);
        actor.Tell("after", TestActor);

        await ExpectMsgAsync("first");
        await ExpectMsgAsync("postStop"); // an echo of "after" would have come before this
        // What was queued behind the pill is not lost silently: it goes to dead letters.
        Assert.Equal("after", (await deadLetters.ExpectMsgAsync<DeadLetter>()).Message);
    }

    [Fact]
    public async Task Terminate_stops_the_whole_tree_children_before_parents()
    {
        // A second system, so that terminating it leaves the TestKit's own (and its probes) running.
        var system = ActorSystem.Create("shutdown", Sys.Settings.Config);
        system.ActorOf(Props.Create(() => new StopReporter("parent", TestActor, "child")), "parent");
        // Both have started (in either order: the child starts on its own while the parent goes on).
        Assert.Equal(["child started", "parent started"], new[] { await ExpectMsgAsync<string>(), await ExpectMsgAsync<string>() }.Order());

        await system.Terminate().WaitAsync(HangGuard);

        await ExpectMsgAsync("child stopped");
        await ExpectMsgAsync("parent stopped");
        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void Duplicate_and_invalid_names_are_rejected_with_the_name_in_the_message()
    {
        Sys.ActorOf(Props.Create<CounterActor>(), "twin");
        var duplicate = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<CounterActor>(), "twin"));
        Assert.Contains("twin", duplicate.Message); // Akka does not name the parent (/user) as we did
        var invalid = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<CounterActor>(), "a/b"));
        Assert.Contains("[a/b]", invalid.Message);
    }

    [Fact]
    public void Creating_an_actor_with_new_explains_how_to_do_it()
    {
        // On a thread of its own: the TestKit makes its TestActor the current actor of the test's thread
        // (that is how a test's Tell gets the TestActor as sender), and there "new" would pass unnoticed.
        var construction = Task.Factory.StartNew(() => new CounterActor(), TaskCreationOptions.LongRunning);
        var error = Assert.Throws<ActorInitializationException>(() => construction.GetAwaiter().GetResult());
        Assert.Contains("Do not create actors using 'new'", error.Message);
    }

    [Fact]
    public async Task Child_paths_and_senders_describe_the_tree()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create<CounterActor>(), TestActor, "kid")), "mum");
        var child = await ExpectMsgAsync<IActorRef>();
        Assert.Equal("akka://test/user/mum/kid", child.Path.ToString());
        Assert.Equal(parent, LastSender);
        Assert.Equal(["user", "mum", "kid"], child.Path.Elements);
        Assert.Equal(parent.Path, child.Path.Parent);
    }
}
