using A3C.Actors.Monitoring;
using A3C.Host.Monitoring;
using Akka.Actor;
using Akka.Actor.Setup;

namespace A3C.Host.Tests.Monitoring;

public sealed class ActorMetricsDocumentTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("akka-api-test", ActorSystemSetup.Create(BootstrapSetup.Create(),
        new ActorMetricsSetup(new ActorMetricsLabels("run-1", "CartPole-v1", "local"), timingSampleInterval: 1)));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _system.Terminate();

    [Fact]
    public async Task The_document_lists_instrumented_actors_in_tree_order_with_full_paths_depths_and_counts()
    {
        var parent = _system.ActorOf(Props.Create(() => new InstrumentedPingActor("right", "left")), "parent");
        var sibling = _system.ActorOf(Props.Create(() => new InstrumentedPingActor()), "parent-2");
        for (var i = 0; i < 3; i++) Assert.Equal("ping", await parent.Ask<string>("ping", TimeSpan.FromSeconds(20)));
        Assert.Equal("ping", await sibling.Ask<string>("ping", TimeSpan.FromSeconds(20)));
        // An actor is listed once it has started: each child answers, so each has.
        Assert.Equal("ping", await _system.ActorSelection("/user/parent/left").Ask<string>("ping", TimeSpan.FromSeconds(20)));
        Assert.Equal("pong", await _system.ActorSelection("/user/parent/right").Ask<string>("pong", TimeSpan.FromSeconds(20)));

        var document = ActorMetricsDocument.Describe(_system, new ThroughputTracker(), nodes: []);

        const string address = "akka://akka-api-test";
        Assert.Equal("akka-api-test", document.System);
        Assert.Equal(address, document.Address);
        Assert.Equal(
            [$"{address}/user/parent", $"{address}/user/parent/left", $"{address}/user/parent/right", $"{address}/user/parent-2"],
            document.Actors.Select(a => a.Path));
        var parentDocument = document.Actors[0];
        Assert.Equal($"{address}/user", parentDocument.Parent);
        Assert.Equal(2, parentDocument.Depth);
        Assert.Equal("InstrumentedPingActor", parentDocument.Type);
        Assert.Equal([$"{address}/user/parent/left", $"{address}/user/parent/right"], parentDocument.Children);
        Assert.Equal(3, parentDocument.Processed);
        Assert.Equal(3, parentDocument.ProcessingTime.Sampled);
        Assert.InRange(parentDocument.ProcessingTime.Mean, 0, parentDocument.ProcessingTime.Max);
        var left = document.Actors[1];
        Assert.Equal($"{address}/user/parent", left.Parent);
        Assert.Equal(3, left.Depth);
        Assert.Equal(1, left.Processed);
        Assert.Equal(0, left.Mailbox);
        Assert.Equal(0, left.Failures);
        Assert.Equal(0, left.Restarts);
        Assert.Equal(0, document.DeadLetters);
    }
}
