using System.Net;
using System.Text.RegularExpressions;

namespace A3C.Host.Tests.Monitoring;

public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_is_one_self_contained_html_page()
    {
        await using var node = await MonitoredActorSystem.StartAsync("page-test");

        var response = await node.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']?(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.Equal(4, Regex.Matches(html, "<canvas ").Count);
    }

    [Fact]
    public async Task Dashboard_in_a_browser_lists_the_actors_and_draws_every_chart()
    {
        HeadlessChromium.Locate();
        await using var node = await MonitoredActorSystem.StartAsync("dash-test");
        await node.PingAsync(node.Pinger, 3);
        await node.ChildrenStartedAsync();
        for (var i = 1; i <= 4; i++) await node.PublishAsync(MonitoredActorSystem.Progress(frames: i * 1000, meanReward: i * 10, policyLoss: 1.0 / i));

        var dom = await HeadlessChromium.DumpDomAsync(node.Server.Url, TimeSpan.FromSeconds(90));

        foreach (var path in new[] { "/user/pinger", "/user/parent", "/user/parent/left", "/user/parent/right" })
            Assert.Contains($"data-path=\"akka://dash-test{path}\"", dom);
        var charts = Regex.Matches(dom, "<canvas [^>]*>").Select(m => m.Value).ToList();
        Assert.Equal(4, charts.Count);
        foreach (var chart in charts)
        {
            var points = Regex.Match(chart, "data-points=\"(\\d+)\"");
            Assert.True(points.Success, $"chart was never drawn: {chart}");
            Assert.True(int.Parse(points.Groups[1].Value) > 0, $"chart drew no points: {chart}");
        }
        // A node on its own has no cluster to show.
        Assert.Contains("<section id=\"cluster\" hidden", dom);
        var status = Regex.Match(dom, "<span id=\"status\"[^>]*>([^<]*)<").Groups[1].Value;
        Assert.StartsWith("updated", status);
        Assert.Contains("4 progress records", status);
    }
}
