using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

public sealed class LabelTests : ActorMetricsTestKit
{
    [Fact]
    public void Every_series_carries_path_type_run_environment_and_mode()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "labelled");
        echo.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();
        using var reader = new MeterReader(Metrics.Meter);

        var series = reader.Observe().Where(m => m.Label("actor_path") == "/user/labelled").ToList();

        Assert.Equal(
            new[] { ActorMetricNames.Failures, ActorMetricNames.MailboxDepth, ActorMetricNames.MessagesProcessed, ActorMetricNames.Restarts },
            series.Select(m => m.Instrument).Order(StringComparer.Ordinal));
        Assert.All(series, m =>
        {
            Assert.Equal("EchoActor", m.Label("actor_type"));
            Assert.Equal(Run, m.Label("run"));
            Assert.StartsWith("run-", m.Label("run"));
            Assert.Equal(Environment, m.Label("environment"));
            Assert.Equal(Mode, m.Label("mode"));
            Assert.Equal(5, m.Labels.Count);
        });
    }

    [Fact]
    public void A_generic_actor_type_is_shown_with_its_type_arguments()
    {
        var actor = Sys.ActorOf(Props.Create<GenericEchoActor<float>>(), "generic");
        actor.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();

        Assert.Equal("GenericEchoActor<Single>", Figures("/user/generic").ActorType);
    }

    [Fact]
    public void Type_names_show_nested_type_arguments()
    {
        Assert.Equal("Dictionary<String, List<Int32>>", ActorTypeNames.Display(typeof(Dictionary<string, List<int>>)));
        Assert.Equal("EchoActor", ActorTypeNames.Display(typeof(EchoActor)));
    }

    [Fact]
    public void Without_a_setup_the_run_label_is_the_system_name()
    {
        using var plain = ActorSystem.Create("plain-system");
        var labels = ActorMetrics.Get(plain).Labels;

        Assert.Equal(new ActorMetricsLabels("plain-system", "", ""), labels);
    }
}
