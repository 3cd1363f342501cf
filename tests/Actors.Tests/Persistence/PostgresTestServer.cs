namespace A3C.Actors.Tests.Persistence;

/// <summary>
/// Where the PostgreSQL tests find their server: the connection string in A3C_TEST_POSTGRES.
/// Without it they fail, saying how to start one, unless A3C_SKIP_POSTGRES=1 asks to skip them.
/// </summary>
internal static class PostgresTestServer
{
    public const string ConnectionVariable = "A3C_TEST_POSTGRES";
    public const string SkipVariable = "A3C_SKIP_POSTGRES";

    public static bool Skipped => Environment.GetEnvironmentVariable(SkipVariable) == "1";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: {ConnectionVariable} is not set. Start one with " +
                $"'eval \"$(scripts/postgres-test-server.sh)\"' (Debian, as root) and run the tests from that shell, " +
                $"or set {SkipVariable}=1 to skip them.");
}
