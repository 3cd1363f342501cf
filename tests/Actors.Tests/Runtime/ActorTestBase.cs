using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

/// <summary>A fresh, quiet actor system per test, terminated afterwards.</summary>
public abstract class ActorTestBase : IAsyncLifetime
{
    private int _probes;

    protected ActorTestBase(ActorSystemSettings? settings = null)
    {
        Sys = ActorSystem.Create("test", (settings ?? ActorSystemSettings.Default) with { LogToStdErr = false });
    }

    protected ActorSystem Sys { get; }

    protected TestProbe CreateProbe() => new(Sys, "p" + Interlocked.Increment(ref _probes));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Sys.Terminate().WaitAsync(TestProbe.DefaultTimeout);
}
