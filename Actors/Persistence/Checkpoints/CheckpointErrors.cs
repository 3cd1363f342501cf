namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>Error text for messages: the plugin wraps the database's own error, which says the most.</summary>
public static class CheckpointErrors
{
    /// <summary>The messages of the exception and its inner ones, without repeats.</summary>
    public static string Describe(Exception error)
    {
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 }) continue;
            if (!messages.Any(m => m.Contains(e.Message, StringComparison.Ordinal))) messages.Add(e.Message.TrimEnd('.'));
        }
        return string.Join(": ", messages);
    }
}
