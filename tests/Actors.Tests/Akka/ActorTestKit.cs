using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;

namespace A3C.Actors.Tests.Akka;

/// <summary>
/// A fresh actor system named "test" per test class instance (so per test), shut down by the TestKit
/// afterwards. Every wait is an upper bound against hangs, never a speed expectation: a loaded CI
/// machine may take seconds where a quiet one takes microseconds.
/// </summary>
public abstract class ActorTestKit(string extraConfig = "") : TestKit(ConfigWith(extraConfig), "test")
{
    /// <summary>How long an expectation may wait before the test is declared hung.</summary>
    protected static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Replaces the system's scheduler with the TestKit's virtual clock, which moves only when the
    /// test calls <see cref="TestScheduler.Advance"/>: timers and back-off pauses become steps the
    /// test controls instead of waits.
    /// </summary>
    protected const string VirtualTime = """akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """;

    protected TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private static Config ConfigWith(string extraConfig) => ConfigurationFactory.ParseString($$"""
        {{extraConfig}}
        akka.test.single-expect-default = {{HangGuard.TotalSeconds}}s
        akka.test.filter-leeway = {{HangGuard.TotalSeconds}}s
        akka.test.default-timeout = {{HangGuard.TotalSeconds}}s
        """);

    /// <summary>The action "tell <paramref name="message"/> to <paramref name="target"/>", for an <c>EventFilter</c> to watch.</summary>
    protected static Func<Task> Telling(IActorRef target, object message) => () =>
    {
        target.Tell(message);
        return Task.CompletedTask;
    };

    /// <summary>Subscribes a new probe to the event stream for <typeparamref name="TEvent"/>.</summary>
    protected TestProbe ProbeFor<TEvent>()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(TEvent));
        return probe;
    }
}
