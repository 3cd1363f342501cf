namespace A3C.Configuration.Tests;

public sealed class SyntaxErrorTests
{
    private static ConfigException ParseError(string text) =>
        Assert.Throws<ConfigException>(() => ConfigFactory.ParseString(text, "hocon/bad.conf"));

    [Fact]
    public void Missing_separator_names_the_key_the_line_and_the_offending_token()
    {
        var error = ParseError("a = 1\nb 2\n");

        Assert.Equal("hocon/bad.conf", error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal("b", error.Path);
        Assert.Equal("hocon/bad.conf:2: b: expected '=', ':' or '{' after the key but found '2'", error.Message);
    }

    [Fact]
    public void Unclosed_object_reports_where_it_was_opened()
    {
        var error = ParseError("a {\n  b = 1\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("expected '}' to close the object opened at line 1 but found end of file", error.Message);
    }

    [Fact]
    public void Unclosed_list_reports_where_it_was_opened()
    {
        var error = ParseError("a = [1,\n 2\n");

        Assert.Contains("expected ']' to close the list opened at line 1", error.Message);
    }

    [Fact]
    public void Missing_value_names_the_key()
    {
        var error = ParseError("a.b =\nc = 1");

        Assert.Equal(1, error.Line);
        Assert.Equal("a.b", error.Path);
        Assert.Contains("expected a value but found end of line", error.Message);
    }

    [Fact]
    public void Two_values_on_one_line_without_a_comma_are_rejected()
    {
        var error = ParseError("a = 1 b = 2");

        Assert.Contains("expected ',' or a new line after the value of 'a' but found '='", error.Message);
    }

    [Fact]
    public void Unquoted_value_with_a_colon_gets_a_hint_to_quote_it()
    {
        var error = ParseError("endpoint = localhost:8080");

        Assert.Contains("after the value of 'endpoint' but found ':' (put values containing ':' or '=' in quotes)", error.Message);
    }

    [Fact]
    public void Reserved_characters_in_unquoted_text_are_rejected_with_a_hint()
    {
        var error = ParseError("a = 1\nb = wh?t");

        Assert.Equal(2, error.Line);
        Assert.Contains("unexpected character '?'", error.Message);
        Assert.Contains("quotes", error.Message);
    }

    [Fact]
    public void Unterminated_strings_and_substitutions_are_reported_at_their_start()
    {
        Assert.Equal(2, ParseError("a = 1\nb = \"open\nc = 2").Line);
        Assert.Equal(1, ParseError("a = \"\"\"never closed\n\n").Line);
        Assert.Contains("unterminated substitution", ParseError("a = ${b.c\n").Message);
        Assert.Contains("invalid escape sequence '\\q'", ParseError("a = \"\\q\"").Message);
    }

    [Fact]
    public void Empty_path_segments_and_list_roots_are_rejected()
    {
        Assert.Contains("empty segment", ParseError("a..b = 1").Message);
        Assert.Contains("expected an object at the root", ParseError("[1, 2]").Message);
        Assert.Contains("expected a key but found '='", ParseError("= 1").Message);
    }

    [Fact]
    public void Mixing_a_list_with_text_in_a_concatenation_is_rejected()
    {
        var error = ParseError("a = [1] text");

        Assert.Equal("a", error.Path);
        Assert.Contains("cannot concatenate", error.Message);
    }
}
