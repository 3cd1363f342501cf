using A3C.Actors.Training.Cluster;

namespace A3C.Training.Tests.Cluster;

/// <summary>The HOCON a node starts with: what Akka.Cluster and Akka.Remote will read from it.</summary>
public sealed class ClusterNodeConfigTests
{
    [Fact]
    public void A_node_is_a_cluster_member_with_its_role_seeds_and_frames_that_hold_a_weight_snapshot()
    {
        var config = ClusterNodeConfig.Create(new ClusterNodeSettings(ClusterRoles.Worker, "10.0.0.5", 0, ["10.0.0.1:2552"])
        {
            PublicHostname = "worker-5.example",
        });

        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal("10.0.0.5", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal("worker-5.example", config.GetString("akka.remote.dot-netty.tcp.public-hostname"));
        Assert.Equal(0, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(["akka.tcp://a3c@10.0.0.1:2552"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["worker"], config.GetStringList("akka.cluster.roles"));
        Assert.True(config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size") >= 13 * 1024 * 1024 * 2);
        Assert.True(config.GetByteSize("akka.remote.dot-netty.tcp.send-buffer-size") > 256_000);
        // Left on, .NET on Linux also sets SO_REUSEPORT and a second learner could bind the same port.
        Assert.Equal("off", config.GetString("akka.remote.dot-netty.tcp.tcp-reuse-addr"));
    }

    [Fact]
    public void The_split_brain_resolver_keeps_the_side_of_the_oldest_learner_even_when_it_is_alone()
    {
        var config = ClusterNodeConfig.Create(new ClusterNodeSettings(ClusterRoles.Learner, "127.0.0.1", 2552, []));

        Assert.Equal("Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster", config.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal("keep-oldest", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal("learner", config.GetString("akka.cluster.split-brain-resolver.keep-oldest.role"));
        Assert.False(config.GetBoolean("akka.cluster.split-brain-resolver.keep-oldest.down-if-alone"));
        Assert.Empty(config.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void A_recipes_akka_section_sets_what_the_node_leaves_open_but_not_what_it_decides()
    {
        var recipe = Akka.Configuration.ConfigurationFactory.ParseString("""
            akka.cluster.split-brain-resolver.stable-after = 5s
            akka.cluster.split-brain-resolver.active-strategy = keep-majority
            akka.remote.dot-netty.tcp.port = 9999
            """);

        var config = ClusterNodeConfig.Create(new ClusterNodeSettings(ClusterRoles.Learner, "127.0.0.1", 2552, []), recipe);

        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal("keep-oldest", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(2552, config.GetInt("akka.remote.dot-netty.tcp.port"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData(":2552")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:port")]
    [InlineData("host:-1")]
    public void A_seed_that_is_not_host_and_port_is_refused_quoting_it(string seed)
    {
        var error = Assert.Throws<FormatException>(() =>
            ClusterNodeConfig.Create(new ClusterNodeSettings(ClusterRoles.Worker, "127.0.0.1", 0, [seed])));

        Assert.Contains($"--seed '{seed}' is not HOST:PORT", error.Message);
    }

    [Fact]
    public void An_ipv6_seed_in_brackets_is_its_address()
    {
        Assert.Equal("akka.tcp://a3c@::1:2552", SeedNode.Parse("[::1]:2552").ToString());
    }
}
