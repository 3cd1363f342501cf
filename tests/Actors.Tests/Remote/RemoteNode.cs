using System.Collections.Concurrent;
using A3C.Actors.Remote;
using A3C.Actors.Runtime;
using A3C.Actors.Runtime.Event;

namespace A3C.Actors.Tests.Remote;

/// <summary>An actor system with remoting on a free loopback port, recording its log lines.</summary>
public sealed class RemoteNode : IAsyncDisposable
{
    public const string Secret = "test-cluster-secret";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ConcurrentQueue<LogEvent> _log = new();
    private readonly IDisposable _logSubscription;
    private int _probes;

    private RemoteNode(ActorSystem system)
    {
        System = system;
        _logSubscription = system.EventStream.Subscribe<LogEvent>(_log.Enqueue);
    }

    public ActorSystem System { get; }

    public Remoting Remoting { get; private set; } = null!;

    public IEnumerable<LogEvent> Log => _log;

    /// <summary>
    /// Fast heartbeats so node loss is detected in about two seconds, not ten. The pause allowed
    /// stays well above the stalls a loaded two-core machine running several test assemblies
    /// shows (0.3 s was once exceeded, and a live node was taken for lost).
    /// </summary>
    public static RemoteSettings FastSettings(string secret = Secret) => new()
    {
        Secret = secret,
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        AcceptablePause = TimeSpan.FromSeconds(2),
        MinStdDeviation = TimeSpan.FromMilliseconds(50),
        HandshakeTimeout = TimeSpan.FromSeconds(2),
    };

    /// <param name="serializers">The codecs to speak; the test messages' by default.</param>
    public static async Task<RemoteNode> StartAsync(string name, RemoteSettings? settings = null, A3C.Actors.Remote.Serialization.SerializerRegistry? serializers = null)
    {
        var node = new RemoteNode(ActorSystem.Create(name, ActorSystemSettings.Default with { LogToStdErr = false }));
        node.Remoting = await Remoting.StartAsync(node.System, settings ?? FastSettings(), serializers ?? TestCodecs.Registry());
        return node;
    }

    public string PathOf(string userPath) => $"{Remoting.Address}/user/{userPath}";

    public Runtime.TestProbe CreateProbe() => new(System, "probe" + Interlocked.Increment(ref _probes));

    /// <summary>Waits until a log line matching <paramref name="match"/> appears (a hang guard, not a timing check).</summary>
    public async Task<LogEvent> ExpectLogAsync(Func<LogEvent, bool> match, string description)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_log.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException(
            $"{System.Name}: no log line {description} within {Timeout.TotalSeconds} s. Log:\n{string.Join("\n", _log)}");
    }

    public async ValueTask DisposeAsync()
    {
        await Remoting.DisposeAsync();
        await System.Terminate().WaitAsync(Timeout);
        _logSubscription.Dispose();
    }
}

/// <summary>Two connected nodes per test, torn down afterwards.</summary>
public abstract class TwoNodeTestBase : IAsyncLifetime
{
    protected RemoteNode A { get; private set; } = null!;

    protected RemoteNode B { get; private set; } = null!;

    protected virtual RemoteSettings SettingsOfA => RemoteNode.FastSettings();

    protected virtual RemoteSettings SettingsOfB => RemoteNode.FastSettings();

    public async Task InitializeAsync()
    {
        A = await RemoteNode.StartAsync("nodeA", SettingsOfA);
        B = await RemoteNode.StartAsync("nodeB", SettingsOfB);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    /// <summary>After a fault on one of B's connections: A still reaches a new actor on B and gets its answer.</summary>
    protected async Task AssertBStillServesAsync()
    {
        var echo = B.System.ActorOf(Props.Create<EchoActor>());
        var remoteEcho = await A.Remoting.ResolveAsync(B.Remoting.Address + echo.Path.ToStringWithoutAddress(), RemoteNode.Timeout);
        Assert.Equal(new Ping(5), await remoteEcho.Ask<Ping>(new Ping(5), RemoteNode.Timeout));
    }
}
