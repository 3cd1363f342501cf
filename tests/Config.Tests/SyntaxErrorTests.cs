namespace A3C.Configuration.Tests;

/// <summary>
/// What Akka.NET's lenient HOCON parser would let through (or crash on) is reported by the check
/// that runs before it, as file:line:column.
/// </summary>
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
        Assert.Equal(3, error.Column);
        Assert.Equal("b", error.Path);
        Assert.Equal("hocon/bad.conf:2:3: b: expected '=', ':' or '{' after the key but found '2'", error.Message);
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
        Assert.Equal(7, error.Column);
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
    public void Empty_path_segments_list_roots_and_missing_keys_are_rejected()
    {
        Assert.Contains("empty segment", ParseError("a..b = 1").Message);
        Assert.Contains("expected a key but found '['", ParseError("[1, 2]").Message);
        Assert.Contains("expected a key but found '='", ParseError("= 1").Message);
    }

    [Fact]
    public void Stray_closing_brackets_are_rejected_instead_of_ending_the_file_early()
    {
        // Akka's parser stops at a '}' with nothing open and silently drops the rest of the file.
        var brace = ParseError("a = 1\n}\nb = 2");
        Assert.Equal(2, brace.Line);
        Assert.Contains("found '}' with no object open", brace.Message);

        Assert.Contains("expected ']' to close the list opened at line 1 but found '}'", ParseError("a = [1, 2}").Message);
        Assert.Contains("expected '}' to close the object opened at line 1 but found ']'", ParseError("a { b = 1 ]").Message);
    }

    [Fact]
    public void Forms_akka_reads_wrongly_are_refused_with_what_to_write_instead()
    {
        var plusEquals = ParseError("xs = [1]\nxs += 2");
        Assert.Equal(2, plusEquals.Line);
        Assert.Contains("'+=' is not supported", plusEquals.Message);

        var commaAfterObject = ParseError("a { x = 1 }, b = 2");
        Assert.Contains("write key = { ... },", commaAfterObject.Message);

        var extendedCopy = ParseError("defaults { a = 1 }\ncustom = ${defaults}\ncustom.b = 3");
        Assert.Equal(3, extendedCopy.Line);
        Assert.Contains("drops the copy ${defaults} (line 2)", extendedCopy.Message);

        Assert.Contains("drops a substitution that an object follows", ParseError("d { a = 1 }\nc = ${d} { b = 3 }").Message);
    }

    // ---- what Akka.NET's parser lets through or crashes on: each reported with file and line ---

    public static TheoryData<string, int, string> Holes => new()
    {
        { "a3c {\n  training {\n    workers = 2\n  }\n", 5, "expected '}' to close the object opened at line 1 but found end of file" },
        { "a3c.training {\n  learning-rate = \n  workers = 2\n}\n", 2, "a3c.training.learning-rate: expected a value but found end of line" },
        { "a3c.training.learning-rate = ", 1, "a3c.training.learning-rate: expected a value but found end of file" },
        { "a3c.training.layers = [1, 2", 1, "expected ']' to close the list opened at line 1 but found end of file" },
        { "a3c.training.layers = [1, 2\na3c.training.workers = 2\n", 2, "to close the list opened at line 1" },
        { "a3c.training {\n  device = \"cuda\n}\n", 2, "unterminated string" },
        { "a = " + new string('[', 20_000) + new string(']', 20_000), 1, "nested more than 100 deep" },
        { "a = " + string.Concat(Enumerable.Repeat("{ b = ", 20_000)) + "1" + new string('}', 20_000), 1, "nested more than 100 deep" },
    };

    [Theory]
    [MemberData(nameof(Holes))]
    public void Text_akka_would_accept_or_crash_on_is_an_error_naming_the_file_and_line(string text, int line, string expected)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("recipe.conf", text);

        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(file));

        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"{file}:{line}:", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Nesting_up_to_the_limit_still_parses()
    {
        var depth = Text.HoconScanner.MaxNesting;
        var config = ConfigFactory.ParseString("a = " + new string('[', depth) + new string(']', depth));

        Assert.True(config.ToAkka().HasPath("a"));
    }

    [Fact]
    public void What_only_akka_rejects_is_reported_with_the_file_and_line()
    {
        // b is a number, so b.c does not exist: only Akka's resolution finds that out.
        var error = ParseError("b = 1\na = ${b.c}");

        Assert.Equal("hocon/bad.conf", error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal("b.c", error.Path);
        Assert.Contains("could not resolve substitution ${b.c}", error.Message);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void Akkas_own_parse_errors_are_placed_at_their_line_and_column()
    {
        // A comma that starts a line passes the check, but Akka's parser reads no key there.
        var error = ParseError("a = 1\n, b = 2");

        Assert.Equal("hocon/bad.conf", error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains("Akka.NET's HOCON parser cannot read this: Unknown token", error.Message);
    }
}
