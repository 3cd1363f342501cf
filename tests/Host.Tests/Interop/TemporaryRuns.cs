using A3C.Actors.Persistence;

namespace A3C.Host.Tests.Interop;

/// <summary>A temporary folder with a SQLite runs directory in it, for one test; deleted afterwards.</summary>
internal sealed class TemporaryRuns : IAsyncDisposable
{
    public TemporaryRuns()
    {
        Directory.CreateDirectory(RunsDirectory);
        Options = new PersistenceOptions(PersistenceProvider.Sqlite, RunsDirectory);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "a3c-host-interop-tests", Guid.NewGuid().ToString("N"));

    public string RunsDirectory => Path.Combine(Root, "runs");

    /// <summary>The SQLite store in <see cref="RunsDirectory"/>.</summary>
    public PersistenceOptions Options { get; }

    public string File(string name) => Path.Combine(Root, name);

    /// <summary>Runs the CLI in the folder against this runs directory and waits for it to end.</summary>
    public Task<A3cProcess> RunAsync(params string[] arguments) => A3cProcess.RunAsync(Root, [.. arguments, "--directory", RunsDirectory]);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
