namespace A3C.Configuration;

/// <summary>
/// Handles values that refer to the field they are assigned to, such as <c>path = ${path} [x]</c>,
/// <c>list += x</c> or <c>timeout = ${?TIMEOUT}</c>. Such a reference means "the value this
/// assignment overrides", so it is replaced by that earlier value as soon as it is known:
/// at parse time for an earlier assignment in the same text, at merge time for a fallback.
/// </summary>
internal static class SelfReferences
{
    /// <summary>
    /// Gives <paramref name="value"/>, assigned at <paramref name="field"/>, the value it overrides.
    /// With no earlier value the self references are only marked, so the resolver does not chase
    /// them into a cycle and a later fallback can still fill them.
    /// </summary>
    public static ConfigValue Replace(ConfigValue value, ConfigPath field, ConfigValue? previous) => value switch
    {
        ConfigSubstitution substitution => ReplaceSubstitution(substitution, field, previous),
        ConfigConcatenation concatenation => ReplaceInConcatenation(concatenation, field, previous),
        _ => value,
    };

    private static ConfigValue ReplaceSubstitution(ConfigSubstitution substitution, ConfigPath field, ConfigValue? previous)
    {
        if (!substitution.Path.StartsWith(field))
        {
            // `a = ${?ENV}` keeps the earlier value of `a` when ENV is undefined.
            return substitution.IsOptional && previous is not null && substitution.Previous is null
                ? substitution.WithPrevious(previous)
                : substitution;
        }
        var earlier = previous switch
        {
            null => null,
            ConfigObject obj => obj.Find(substitution.Path.Skip(field.Length)),
            _ when substitution.Path.Length == field.Length => previous,
            _ => null,
        };
        return earlier ?? (substitution.IsSelfReference ? substitution : substitution.AsSelfReference());
    }

    private static ConfigValue ReplaceInConcatenation(ConfigConcatenation concatenation, ConfigPath field, ConfigValue? previous)
    {
        var pieces = concatenation.Pieces
            .Select(piece => piece is ConfigSubstitution substitution && substitution.Path.StartsWith(field)
                ? ReplaceSubstitution(substitution, field, previous)
                : piece)
            .ToList();
        return pieces.All(piece => piece.IsResolved)
            ? ConfigConcatenation.Join(pieces, concatenation.Origin, field) ?? ConfigObject.Empty(concatenation.Origin)
            : new ConfigConcatenation(pieces, concatenation.Origin);
    }
}
