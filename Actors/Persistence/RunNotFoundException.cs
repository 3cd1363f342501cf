namespace A3C.Actors.Persistence;

/// <summary>A run was asked for that the store has never seen.</summary>
public sealed class RunNotFoundException : PersistenceException
{
    public RunNotFoundException(string run, string location, IReadOnlyList<string> knownRuns)
        : base(Describe(run, location, knownRuns))
    {
        Run = run;
        Location = location;
        KnownRuns = knownRuns;
    }

    public string Run { get; }

    /// <summary>Where the store looked: a directory or a (password-free) connection description.</summary>
    public string Location { get; }

    public IReadOnlyList<string> KnownRuns { get; }

    private static string Describe(string run, string location, IReadOnlyList<string> knownRuns) =>
        knownRuns.Count == 0
            ? $"Run '{run}' not found in {location}: the store holds no runs yet."
            : $"Run '{run}' not found in {location}. Known runs: {string.Join(", ", knownRuns)}.";
}
