namespace A3C.Configuration.Parsing;

internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Equals,
    Colon,
    PlusEquals,
    Newline,
    Whitespace,
    Unquoted,
    Quoted,
    Substitution,
    End,
}

/// <summary>A lexical token. For <see cref="TokenKind.Substitution"/> the text is the path expression.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, bool IsOptional = false)
{
    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of file",
        TokenKind.Newline => "end of line",
        TokenKind.Quoted => $"string \"{Text}\"",
        TokenKind.Substitution => $"'${{{(IsOptional ? "?" : "")}{Text}}}'",
        _ => $"'{Text}'",
    };
}
