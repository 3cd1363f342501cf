namespace A3C.Actors.Persistence;

internal static class JournalKind
{
    public const int MaxLength = 64;

    public static void Validate(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Length is 0 or > MaxLength || kind.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException(
                $"Journal event kind '{kind}' is invalid: expected 1 to {MaxLength} characters without whitespace.",
                nameof(kind));
        }
    }
}
