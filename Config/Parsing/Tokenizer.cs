using System.Buffers;
using System.Globalization;
using System.Text;

namespace A3C.Configuration.Parsing;

/// <summary>
/// Splits HOCON text into tokens in one pass. Comments are dropped; whitespace is kept as a token
/// because it is significant inside value concatenations (<c>1 second</c>).
/// </summary>
internal sealed class Tokenizer
{
    /// <summary>Characters HOCON reserves; they end unquoted text.</summary>
    private static readonly SearchValues<char> Reserved = SearchValues.Create("$\"{}[]:=,+#`^?!@*&\\");

    private readonly string _text;
    private readonly string _originName;
    private readonly List<Token> _tokens;
    private readonly StringBuilder _buffer = new();
    private int _pos;
    private int _line = 1;

    private Tokenizer(string text, string originName)
    {
        _text = text;
        _originName = originName;
        // Typical configs have about one token per four characters; sizing up front avoids regrowth.
        _tokens = new List<Token>(text.Length / 4 + 8);
    }

    public static List<Token> Tokenize(string text, string originName)
    {
        var tokenizer = new Tokenizer(text, originName);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private void Run()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            switch (c)
            {
                case '\n':
                    Add(TokenKind.Newline, "\\n");
                    _pos++;
                    _line++;
                    break;
                case '#':
                    SkipComment();
                    break;
                case '/' when Peek(1) == '/':
                    SkipComment();
                    break;
                case '{': AddSingle(TokenKind.OpenBrace, "{"); break;
                case '}': AddSingle(TokenKind.CloseBrace, "}"); break;
                case '[': AddSingle(TokenKind.OpenBracket, "["); break;
                case ']': AddSingle(TokenKind.CloseBracket, "]"); break;
                case ',': AddSingle(TokenKind.Comma, ","); break;
                case '=': AddSingle(TokenKind.Equals, "="); break;
                case ':': AddSingle(TokenKind.Colon, ":"); break;
                case '+' when Peek(1) == '=':
                    Add(TokenKind.PlusEquals, "+=");
                    _pos += 2;
                    break;
                case '$' when Peek(1) == '{':
                    ReadSubstitution();
                    break;
                case '"' when Peek(1) == '"' && Peek(2) == '"':
                    ReadTripleQuoted();
                    break;
                case '"':
                    ReadQuoted();
                    break;
                default:
                    if (IsWhitespace(c)) ReadWhitespace();
                    else if (Reserved.Contains(c)) throw Error($"unexpected character '{c}' (reserved in HOCON; put the text in quotes)");
                    else ReadUnquoted();
                    break;
            }
        }
        Add(TokenKind.End, "");
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Add(TokenKind kind, string text, bool isOptional = false) =>
        _tokens.Add(new Token(kind, text, _line, isOptional));

    private void AddSingle(TokenKind kind, string text)
    {
        Add(kind, text);
        _pos++;
    }

    private static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private void SkipComment()
    {
        while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
    }

    private void ReadWhitespace()
    {
        var start = _pos;
        while (_pos < _text.Length && IsWhitespace(_text[_pos])) _pos++;
        // Single spaces are by far the most common whitespace; share one string for them.
        Add(TokenKind.Whitespace, _pos - start == 1 && _text[start] == ' ' ? " " : _text[start.._pos]);
    }

    private void ReadUnquoted()
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n' || IsWhitespace(c)) break;
            if (c == '/' && Peek(1) == '/') break;
            // An exponent sign is part of a number such as 1e+5, not a reserved '+'.
            if (c == '+' && _pos > start && _text[_pos - 1] is 'e' or 'E' && IsNumberStart(_text[start])) { _pos++; continue; }
            if (Reserved.Contains(c)) break;
            _pos++;
        }
        Add(TokenKind.Unquoted, _text[start.._pos]);
    }

    private static bool IsNumberStart(char c) => char.IsAsciiDigit(c) || c == '-';

    private void ReadQuoted()
    {
        var startLine = _line;
        _pos++;
        _buffer.Clear();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error("unterminated quoted string (a single-quoted string must end on its line; use \"\"\" for multi-line text)", startLine);
            }
            var c = _text[_pos++];
            if (c == '"') break;
            if (c == '\\') _buffer.Append(ReadEscape());
            else _buffer.Append(c);
        }
        _tokens.Add(new Token(TokenKind.Quoted, _buffer.ToString(), startLine));
    }

    private char ReadEscape()
    {
        if (_pos >= _text.Length) throw Error("unterminated escape sequence at end of input");
        var c = _text[_pos++];
        switch (c)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u' when _pos + 4 <= _text.Length
                && ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                _pos += 4;
                return (char)code;
            default:
                throw Error($"invalid escape sequence '\\{c}' in quoted string");
        }
    }

    private void ReadTripleQuoted()
    {
        var startLine = _line;
        _pos += 3;
        var end = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (end < 0) throw Error("unterminated triple-quoted string", startLine);
        // Quotes directly before the closing three belong to the string: """a""""" is a"".
        while (end + 3 < _text.Length && _text[end + 3] == '"') end++;
        var content = _text[_pos..end];
        _line += content.Count(c => c == '\n');
        _pos = end + 3;
        _tokens.Add(new Token(TokenKind.Quoted, content, startLine));
    }

    private void ReadSubstitution()
    {
        var startLine = _line;
        _pos += 2;
        var isOptional = _pos < _text.Length && _text[_pos] == '?';
        if (isOptional) _pos++;
        var start = _pos;
        var inQuotes = false;
        while (_pos < _text.Length && (inQuotes || _text[_pos] != '}'))
        {
            if (_text[_pos] == '\n') break;
            if (_text[_pos] == '"') inQuotes = !inQuotes;
            _pos++;
        }
        if (_pos >= _text.Length || _text[_pos] != '}') throw Error("unterminated substitution: expected '}' to close '${'", startLine);
        var expression = _text[start.._pos].Trim();
        _pos++;
        if (expression.Length == 0) throw Error("empty substitution '${}': expected a path such as ${a.b}", startLine);
        _tokens.Add(new Token(TokenKind.Substitution, expression, startLine, isOptional));
    }

    private ConfigException Error(string reason, int? line = null) =>
        new(new ConfigOrigin(_originName, line ?? _line), null, reason);
}
