namespace A3C.Training.Tests;

/// <summary>
/// Resuming against PostgreSQL, whose server is named by A3C_TEST_POSTGRES (start one with
/// <c>eval "$(scripts/postgres-test-server.sh)"</c>). Without it the test fails saying so, unless
/// A3C_SKIP_POSTGRES=1 asks to leave PostgreSQL out.
/// </summary>
public sealed class PostgresResumeTests
{
    [Fact]
    public async Task Resuming_continues_the_counters_from_the_stored_state()
    {
        if (Environment.GetEnvironmentVariable("A3C_SKIP_POSTGRES") == "1") return;
        var connectionString = Environment.GetEnvironmentVariable("A3C_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(connectionString),
            "A3C_TEST_POSTGRES is not set: start a server with 'eval \"$(scripts/postgres-test-server.sh)\"', or set A3C_SKIP_POSTGRES=1.");

        await using var runs = RunStore.Postgres(connectionString);
        await ResumeScenario.ResumeContinuesCountersFromTheStoredStateAsync(runs);
    }
}
