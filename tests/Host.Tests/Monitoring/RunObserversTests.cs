using Akka.Actor;
using A3C.Host.Monitoring;

namespace A3C.Host.Tests.Monitoring;

public sealed class RunObserversTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "a3c-observers-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Attaching_starts_the_endpoint_and_the_scalar_files_and_prints_where()
    {
        var system = ActorSystem.Create("observed");
        var log = new StringWriter();
        try
        {
            await using (await RunObservers.AttachAsync(system, new MonitoringSettings(true, "127.0.0.1", 0, 10, _directory), "my-run", log))
            {
                var url = System.Text.RegularExpressions.Regex.Match(log.ToString(), @"monitoring: (http://127\.0\.0\.1:\d+/)").Groups[1].Value;
                using var http = new HttpClient { Timeout = MonitoredActorSystem.HangGuard };
                Assert.Contains("\"status\":\"ok\"", await http.GetStringAsync(url + "health"));
            }
            Assert.True(File.Exists(Path.Combine(_directory, "my-run", "scalars.csv")));
            Assert.Single(Directory.GetFiles(Path.Combine(_directory, "my-run", "tb"), "events.out.tfevents.*"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task A_taken_port_is_reported_and_the_run_goes_on_without_the_endpoint()
    {
        await using var node = await MonitoredActorSystem.StartAsync("observed");
        var log = new StringWriter();

        var taken = new MonitoringSettings(true, "127.0.0.1", node.Server.Url.Port, 10, ScalarsDirectory: null);
        await using (await RunObservers.AttachAsync(node.System, taken, "my-run", log)) { }

        Assert.Contains($"monitoring: cannot listen on 127.0.0.1:{node.Server.Url.Port}", log.ToString());
        Assert.Contains("monitoring.port=0", log.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
