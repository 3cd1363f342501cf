using Akka.Actor;
using Akka.Configuration;

namespace A3C.Actors.Tests.Akka;

public sealed class DispatcherTests() : ActorTestKit(Dispatchers)
{
    private const string Dispatchers = """
        fair {
          type = Dispatcher
          throughput = 1
        }
        pinned {
          type = PinnedDispatcher
        }
        """;

    /// <summary>Counts like <see cref="CounterActor"/> and tells, on "dispatcher?", the id of the dispatcher its cell runs on (not just the one its props asked for).</summary>
    private sealed class DispatcherReporter : ReceiveActor
    {
        private int _count;

        public DispatcherReporter()
        {
            Receive<Add>(add => _count += add.Amount);
            Receive<GetCount>(_ => Sender.Tell(_count, Self));
            Receive<string>(s => s == "dispatcher?", _ => Sender.Tell(((ActorCell)Context).Dispatcher.Id, Self));
        }
    }

    [Fact]
    public async Task Named_dispatchers_are_used()
    {
        var fair = Sys.ActorOf(Props.Create<DispatcherReporter>().WithDispatcher("fair"));
        var pinned = Sys.ActorOf(Props.Create<DispatcherReporter>().WithDispatcher("pinned"));
        for (var i = 0; i < 100; i++)
        {
            fair.Tell(new Add(1));
            pinned.Tell(new Add(2));
        }

        Assert.Equal(100, await fair.Ask<int>(new GetCount(), HangGuard));
        Assert.Equal(200, await pinned.Ask<int>(new GetCount(), HangGuard));
        Assert.Equal("fair", await fair.Ask<string>("dispatcher?", HangGuard));
        Assert.Equal("pinned", await pinned.Ask<string>("dispatcher?", HangGuard));
    }

    [Fact]
    public void An_unknown_dispatcher_is_refused_with_its_name()
    {
        // Akka names the missing dispatcher but, unlike our runtime, does not list the known ones.
        var error = Assert.Throws<ConfigurationException>(() => Sys.ActorOf(Props.Create<CounterActor>().WithDispatcher("nope")));
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public void An_invalid_system_name_is_refused_with_the_name()
    {
        var error = Assert.Throws<ArgumentException>(() => ActorSystem.Create("no spaces"));
        Assert.Contains("no spaces", error.Message);
    }
}
