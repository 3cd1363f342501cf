namespace A3C.Actors.Persistence;

/// <summary>
/// Run names become directory names (SQLite) and key values (PostgreSQL), so they are kept to a
/// portable, path-safe alphabet.
/// </summary>
public static class RunName
{
    public const int MaxLength = 128;

    public static void Validate(string run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Length is 0 or > MaxLength || run[0] == '.' || !run.All(IsAllowed))
        {
            throw new ArgumentException(
                $"Run name '{run}' is invalid: expected 1 to {MaxLength} characters from A-Z a-z 0-9 . _ -, " +
                "not starting with '.'.",
                nameof(run));
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
