using A3C.Actors.Monitoring;
using A3C.Actors.Training.Messages;
using A3C.Host.Monitoring;
using A3C.Models.Algorithms;
using Akka.Actor;

namespace A3C.Host.Tests.Monitoring;

public sealed record Ping(int Id);

/// <summary>Answers every <see cref="Ping"/> with its id, so a test knows the message was processed.</summary>
public sealed class PingActor : InstrumentedReceiveActor
{
    public PingActor() => Receive<Ping>(ping => Sender.Tell(ping.Id, Self));
}

/// <summary>Starts one <see cref="PingActor"/> child per name, so the tree has depth.</summary>
public sealed class PingParent : InstrumentedReceiveActor
{
    public PingParent(string[] childNames)
    {
        foreach (var name in childNames) Context.ActorOf(Props.Create<PingActor>(), name);
        Receive<Ping>(ping => Sender.Tell(ping.Id, Self));
    }
}

/// <summary>
/// A known actor system (<c>/user/pinger</c> and <c>/user/parent</c> with children
/// <c>left</c> and <c>right</c>) behind a real monitoring endpoint on a free loopback port.
/// </summary>
public sealed class MonitoredActorSystem : IAsyncDisposable
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private MonitoredActorSystem(ActorSystem system, MonitoringServer server, IActorRef pinger, IActorRef parent)
    {
        System = system;
        Server = server;
        Pinger = pinger;
        Parent = parent;
        Http = new HttpClient { BaseAddress = server.Url, Timeout = HangGuard };
    }

    public ActorSystem System { get; }
    public MonitoringServer Server { get; }
    public IActorRef Pinger { get; }
    public IActorRef Parent { get; }
    public HttpClient Http { get; }

    public static async Task<MonitoredActorSystem> StartAsync(string name = "monitored")
    {
        var system = ActorSystem.Create(name);
        var pinger = system.ActorOf(Props.Create<PingActor>(), "pinger");
        var parent = system.ActorOf(Props.Create(() => new PingParent(new[] { "left", "right" })), "parent");
        var settings = new MonitoringSettings(Enabled: true, Host: "127.0.0.1", Port: 0, HistoryLength: 5, ScalarsDirectory: null);
        var server = await MonitoringServer.StartAsync(system, settings);
        return new MonitoredActorSystem(system, server, pinger, parent);
    }

    /// <summary>
    /// Waits until <c>left</c> and <c>right</c> have started (an actor answers Identify only once it
    /// has), so the actor metrics list them.
    /// </summary>
    public async Task ChildrenStartedAsync()
    {
        foreach (var child in new[] { "left", "right" })
            await System.ActorSelection($"/user/parent/{child}").ResolveOne(HangGuard);
    }

    /// <summary>Sends <paramref name="count"/> pings and waits for every answer, so all were processed.</summary>
    public async Task PingAsync(IActorRef actor, int count)
    {
        for (var i = 0; i < count; i++) Assert.Equal(i, await actor.Ask<int>(new Ping(i), HangGuard));
    }

    /// <summary>Publishes a record as a learner does, and returns once the endpoint has taken it in.</summary>
    public async Task PublishAsync(TrainingProgress progress)
    {
        System.EventStream.Publish(progress);
        using var hangGuard = new CancellationTokenSource(HangGuard);
        while (!Server.Node.History.Records().Contains(progress)) await Task.Delay(5, hangGuard.Token);
    }

    public static TrainingProgress Progress(long frames, double meanReward, double policyLoss = 0.5) => new(
        Frames: frames, Updates: frames / 100, Episodes: frames / 200, MeanReward: meanReward, MeanEpisodeLength: 180.5,
        FramesPerSecond: 1234.5, UpdatesPerSecond: 12.5, MeanStaleness: 0.25, SkippedUpdates: 1, WorkerRestarts: 2,
        LearningRate: 0.0007, Elapsed: TimeSpan.FromSeconds(frames / 1000.0),
        Last: new A2CStatistics(Loss: 1.5, PolicyLoss: policyLoss, ValueLoss: 2.0, Entropy: 0.69, Advantage: 0.1, Values: 3.0,
            BatchReturns: 4.0, GradientL2: 0.75, GradientMax: 0.3, GradientVariance: 0.01, BatchSize: 128));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await System.Terminate();
    }
}
