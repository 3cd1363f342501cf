using System.Net;
using A3C.Host.Commands;
using Spectre.Console;

namespace A3C.Host.Tests.Monitoring;

public sealed class MetricsCommandTests
{
    [Fact]
    public async Task Prints_the_actor_table_and_the_latest_training_figures()
    {
        await using var node = await MonitoredActorSystem.StartAsync("cli-test");
        await node.PingAsync(node.Pinger, 7);
        await node.ChildrenStartedAsync();
        await node.PublishAsync(MonitoredActorSystem.Progress(frames: 3000, meanReward: 17.5));

        var (code, output, error) = await RunAsync(node.Server.Url.ToString());

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("akka://cli-test", output);
        Assert.Contains("/user/parent/left", output);
        var pingerRow = output.Split('\n').Single(line => line.Contains("/user/pinger"));
        Assert.Contains("PingActor", pingerRow);
        Assert.Contains("mean_reward", output);
        Assert.Contains("17.5", output);
    }

    [Fact]
    public async Task A_closed_port_is_reported_as_unreachable_with_its_url()
    {
        var url = $"http://127.0.0.1:{LoopbackPort.Unused()}";

        var (code, output, error) = await RunAsync(url);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("connection refused", error);
        Assert.Contains(url, error);
    }

    [Theory]
    [InlineData("not a url", "is not a URL")]
    [InlineData("ftp://127.0.0.1:9090", "expected http or https")]
    [InlineData("127.0.0.1:9090", "did you mean http://127.0.0.1:9090")]
    public async Task A_bad_url_is_rejected_before_any_request(string url, string expected)
    {
        var (code, _, error) = await RunAsync(url);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Contains(url, error);
    }

    [Fact]
    public async Task A_server_that_is_not_an_a3c_node_is_named_as_such()
    {
        using var listener = new HttpListener();
        var port = LoopbackPort.Unused();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.ContentType = "text/html";
            await context.Response.OutputStream.WriteAsync("<html>router login</html>"u8.ToArray());
            context.Response.Close();
        });

        var (code, _, error) = await RunAsync($"http://127.0.0.1:{port}");
        await serve.WaitAsync(MonitoredActorSystem.HangGuard);

        Assert.Equal(2, code);
        Assert.Contains("is not an a3c monitoring endpoint", error);
        Assert.Contains("text/html", error);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string url)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = PlainConsole(output);
        using var http = new HttpClient { Timeout = MonitoredActorSystem.HangGuard };
        var code = await MetricsCommand.RunAsync(url, http, console, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A console without colours or ANSI codes, wide enough for every column, writing to <paramref name="output"/>.</summary>
    internal static IAnsiConsole PlainConsole(StringWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return console;
    }
}
