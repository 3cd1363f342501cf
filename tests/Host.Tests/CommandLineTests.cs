namespace A3C.Host.Tests;

/// <summary>Usage errors on the command line exit with 2 and say what was wrong, as the README promises.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("a3c-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_mistyped_command_exits_with_2_and_suggests_the_right_one()
    {
        using var typo = await A3cProcess.RunAsync(_directory, "trian");

        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("'trian' was not matched", typo.Error + typo.Output);
        Assert.Contains("train", typo.Error + typo.Output);
    }

    [Fact]
    public async Task A_mistyped_option_exits_with_2()
    {
        using var typo = await A3cProcess.RunAsync(_directory, "checkpoints", "list", "some-run", "--directroy", "runs");

        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("--directroy", typo.Error + typo.Output);
    }

    [Theory]
    [InlineData("learner")]
    [InlineData("worker")]
    public async Task A_port_outside_the_tcp_range_exits_with_2_naming_the_range(string role)
    {
        using var node = await A3cProcess.RunAsync(_directory,
            "node", "--role", role, "--seed", "127.0.0.1:2552", "--config", Path.Combine(RepositoryRoot(), "hocon", "cartpole-a3c-data.conf"),
            "--port", "99999");

        Assert.Equal(2, node.ExitCode);
        Assert.Contains("--port 99999 is not a TCP port", node.Error + node.Output);
        Assert.DoesNotContain("Unhandled exception", node.Error + node.Output);
    }

    [Fact]
    public async Task An_akka_setting_akka_refuses_exits_with_2_in_one_line_naming_the_akka_section()
    {
        var config = Path.Combine(_directory, "loud.conf");
        await File.WriteAllTextAsync(config, "akka.loglevel = LOUD\n");

        using var train = await A3cProcess.RunAsync(_directory, "train", "--config", config);

        Assert.Equal(2, train.ExitCode);
        Assert.Contains("a3c train: cannot start the actor system with the config's akka section", train.Error);
        Assert.Contains("LOUD", train.Error);
        Assert.DoesNotContain("   at ", train.Error + train.Output); // no stack trace, from us or from the host
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Akka.sln"))) return directory.FullName;
        throw new InvalidOperationException("Akka.sln not found above " + AppContext.BaseDirectory);
    }
}
