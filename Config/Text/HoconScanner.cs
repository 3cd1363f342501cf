using System.Text;

namespace A3C.Configuration.Text;

/// <summary>
/// Checks HOCON text for what Akka.NET's lenient parser lets through or crashes on, and reports it
/// as <c>file:line:column</c>: unbalanced braces and brackets, a key with no value, unterminated
/// strings and substitutions, text after a value, nesting past <see cref="MaxNesting"/> (Akka's
/// parser recurses per level and overflows the stack) and the forms it does not support
/// (<c>+=</c>, <c>include file(...)</c>). While at it, it records the line of every key and where
/// each substitution and include is, for <see cref="SourceMap"/>.
/// </summary>
/// <remarks>
/// A scanner, not a parser: it builds no values, and keeps one explicit stack of open objects and
/// lists, so no input can make it recurse.
/// </remarks>
internal sealed class HoconScanner
{
    /// <summary>Objects and lists inside each other; real configs stay below ten.</summary>
    public const int MaxNesting = 100;

    // Characters Akka's tokenizer does not allow in unquoted text (besides structure and quotes).
    private const string Reserved = "`^?!@*&\\$";

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private enum State
    {
        Key,          // object: before a key, a '}' or an include
        ValueStart,   // after '=' or ':': a value must follow on this line
        Value,        // inside the value of a field or list element, after at least one piece
        Element,      // list: before an element or ']'
        FieldEnd,     // after an include or the root's closing brace: nothing more on the line
    }

    private sealed class Frame
    {
        public required bool IsList;
        public required ConfigPath? Path;      // keys inside are recorded under it; null inside lists
        public required ConfigPath? Owner;     // the field whose value holds this frame
        public required ConfigOrigin Opened;
        public bool Braced = true;             // false only for a root written without braces
        public State State;
        public ConfigPath? Field;              // the field (or, in a list, the owner) being read
        public int FieldStart;
        public int Pieces;
        public Substitution? OnlySubstitution;
        public bool ElementExpected = true;    // list: just opened or after a comma
        public bool LastPieceUnquoted;
        public bool ObjectAfterKey;            // the value is an object written as key { ... }
        public bool LastPieceSubstitution;
    }

    private readonly string _text;
    private readonly SourceMap _map;
    private readonly List<Frame> _stack = [];
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private bool _rootClosed;

    // Fields whose whole value is a substitution (custom = ${defaults}): Akka drops the copy when
    // keys are later added to the field, so that is refused.
    private readonly Dictionary<ConfigPath, Substitution> _copies = [];

    private HoconScanner(string text, string sourceName)
    {
        _text = text;
        _map = new SourceMap(sourceName);
    }

    /// <summary>Scans <paramref name="text"/> (line ends already <c>\n</c>).</summary>
    /// <exception cref="ConfigException">At the first problem, naming the source, line and column.</exception>
    public static SourceMap Scan(string text, string sourceName)
    {
        var scanner = new HoconScanner(text, sourceName);
        scanner.Run();
        return scanner._map;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private char Next => _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';

    private ConfigOrigin Here => new(_map.Name, _line, _pos - _lineStart + 1);

    private bool AtComment => Current == '#' || (Current == '/' && Next == '/');

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _lineStart = _pos + 1;
        }
        _pos++;
    }

    private void Run()
    {
        var root = new Frame { IsList = false, Path = ConfigPath.Root, Owner = null, Opened = Here, Braced = false };
        _stack.Add(root);
        SkipBlankLinesAndComments();
        if (Current == '{')
        {
            root.Opened = Here;
            root.Braced = true;
            Advance();
        }

        while (!AtEnd)
        {
            var frame = _stack[^1];
            if (Current != '\n' && char.IsWhiteSpace(Current))
            {
                Advance();
                continue;
            }
            if (AtComment)
            {
                while (!AtEnd && Current != '\n') Advance();
                continue;
            }
            switch (frame.State)
            {
                case State.Key: ScanKeyPosition(frame); break;
                case State.ValueStart: ScanValueStart(frame); break;
                case State.Value: ScanValue(frame); break;
                case State.Element: ScanElementPosition(frame); break;
                case State.FieldEnd: ScanFieldEnd(frame); break;
            }
        }
        Finish();
    }

    private void SkipBlankLinesAndComments()
    {
        while (!AtEnd)
        {
            if (char.IsWhiteSpace(Current)) Advance();
            else if (AtComment) while (!AtEnd && Current != '\n') Advance();
            else return;
        }
    }

    // ---- objects -------------------------------------------------------------------------------

    private void ScanKeyPosition(Frame frame)
    {
        switch (Current)
        {
            case '\n' or ',':
                Advance();
                return;
            case '}':
                CloseObject(frame);
                return;
            case ']':
                throw Error(Here, null, frame.Braced
                    ? $"expected a key or '}}' to close the object opened at line {frame.Opened.Line} but found ']'"
                    : "found ']' with no list open");
        }
        if (TryScanInclude(frame)) return;

        var keyStart = _pos;
        var keyOrigin = Here;
        var key = ScanKey();
        var path = frame.Path?.Append(key);
        while (Current is ' ' or '\t') Advance();

        if (path is not null)
        {
            CheckNotExtendingCopy(path, keyOrigin, objectFollows: Current == '{');
            // a.b.c = 1 opens a and a.b as objects here.
            for (var i = frame.Path!.Length + 1; i < path.Length; i++) _map.Add(path.Take(i), KeyOrigin(keyOrigin), isValue: false, keyStart);
        }
        switch (Current)
        {
            case '=' or ':':
                Advance();
                if (path is not null) _map.Add(path, KeyOrigin(keyOrigin), isValue: true, keyStart);
                StartField(frame, path ?? frame.Owner, keyStart);
                frame.State = State.ValueStart;
                return;
            case '{':
                if (path is not null) _map.Add(path, KeyOrigin(keyOrigin), isValue: false, keyStart);
                StartField(frame, path ?? frame.Owner, keyStart);
                frame.Pieces = 1;
                frame.ObjectAfterKey = true;
                frame.State = State.Value;
                Open(isList: false, path, path ?? frame.Owner);
                return;
            case '+' when Next == '=':
                throw Error(Here, key.ToString(),
                    "'+=' is not supported by Akka.NET's HOCON; write the whole list instead (key = [a, b])");
            default:
                throw Error(Here, key.ToString(), $"expected '=', ':' or '{{' after the key but found {Describe()}");
        }
    }

    private static ConfigOrigin KeyOrigin(ConfigOrigin at) => at with { Column = 0 };

    private void CheckNotExtendingCopy(ConfigPath path, ConfigOrigin at, bool objectFollows)
    {
        for (var length = objectFollows ? path.Length : path.Length - 1; length > 0; length--)
        {
            if (_copies.TryGetValue(path.Take(length), out var copy)) throw CopyExtended(at, copy);
        }
        _copies.Remove(path);
    }

    private static ConfigException CopyExtended(ConfigOrigin at, Substitution copy) => new(at, copy.Field!.ToString(),
        $"Akka.NET's HOCON drops the copy {copy} (line {copy.Origin.Line}) when keys are added to '{copy.Field}': write the object out in full");

    /// <summary>A key: dot-separated segments, each unquoted or quoted.</summary>
    private ConfigPath ScanKey()
    {
        var keys = new List<string>();
        var segment = new StringBuilder();
        var segmentHasText = false;
        var start = Here;
        while (true)
        {
            if (Current == '"')
            {
                segment.Append(ScanQuotedString());
                segmentHasText = true;
            }
            else if (!AtEnd && IsKeyChar())
            {
                segment.Append(Current);
                segmentHasText = true;
                Advance();
            }
            else if (Current == '.')
            {
                if (!segmentHasText) throw EmptySegment(keys);
                keys.Add(segment.ToString());
                segment.Clear();
                segmentHasText = false;
                Advance();
            }
            else
            {
                break;
            }
        }
        if (!segmentHasText)
        {
            if (keys.Count == 0) throw Error(start, null, $"expected a key but found {Describe()}");
            throw EmptySegment(keys);
        }
        keys.Add(segment.ToString());
        return ConfigPath.Of([.. keys]);

        ConfigException EmptySegment(List<string> read) => Error(Here, read.Count == 0 ? null : ConfigPath.Of([.. read]).ToString(),
            "expected a key between dots but found an empty segment (quote keys that contain dots)");
    }

    private bool IsKeyChar()
    {
        var c = Current;
        if (char.IsWhiteSpace(c) || "\"{}[]:=,.#".Contains(c) || Reserved.Contains(c) || AtComment) return false;
        return !(c == '+' && Next == '=');
    }

    /// <summary>
    /// <c>include "file"</c>: recorded for the loader. Akka reads only that form; a bare key named
    /// include (<c>include = yes</c>) is left to the key scanner.
    /// </summary>
    private bool TryScanInclude(Frame frame)
    {
        const string keyword = "include";
        if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) != 0) return false;
        var after = _pos + keyword.Length;
        if (after >= _text.Length || _text[after] is not (' ' or '\t')) return false;
        var argument = after;
        while (argument < _text.Length && _text[argument] is ' ' or '\t') argument++;
        var origin = Here;
        var rest = _text.AsSpan(argument);
        if (rest.StartsWith("file(") || rest.StartsWith("required(") || rest.StartsWith("url(") || rest.StartsWith("classpath("))
        {
            throw Error(origin, null,
                "Akka.NET's HOCON reads only include \"file.conf\" (a path relative to this file), not file(), required(), url() or classpath()");
        }
        if (argument >= _text.Length || _text[argument] != '"') return false;

        while (_pos < argument) Advance();
        var name = ScanQuotedString();
        _map.Includes.Add(new Include(name, KeyOrigin(origin), frame.Path, _pos));
        frame.State = State.FieldEnd;
        return true;
    }

    private void ScanFieldEnd(Frame frame)
    {
        if (_rootClosed)
        {
            if (Current != '\n') throw Error(Here, null, $"expected nothing after the '}}' that closes the root object but found {Describe()}");
            Advance();
            return;
        }
        switch (Current)
        {
            case '\n':
                Advance();
                frame.State = State.Key;
                return;
            case '}':
                CloseObject(frame);
                return;
        }
        throw Error(Here, null, $"expected a new line after the include but found {Describe()}");
    }

    private void CloseObject(Frame frame)
    {
        if (frame.IsList)
        {
            throw Error(Here, null, $"expected ']' to close the list opened at line {frame.Opened.Line} but found '}}'");
        }
        if (frame == _stack[0])
        {
            if (!frame.Braced) throw Error(Here, null, "found '}' with no object open");
            // The root's own closing brace: only blank lines and comments may follow.
            Advance();
            _rootClosed = true;
            frame.State = State.FieldEnd;
            return;
        }
        Advance();
        _stack.RemoveAt(_stack.Count - 1);
    }

    // ---- values --------------------------------------------------------------------------------

    private void StartField(Frame frame, ConfigPath? field, int start)
    {
        frame.Field = field;
        frame.FieldStart = start;
        frame.Pieces = 0;
        frame.OnlySubstitution = null;
        frame.LastPieceUnquoted = false;
        frame.LastPieceSubstitution = false;
        frame.ObjectAfterKey = false;
    }

    private void ScanValueStart(Frame frame)
    {
        if (AtEnd || Current is '\n' or ',' or '}' or ']' || AtComment)
        {
            var found = Current switch { '\n' => "end of line", ',' or '}' or ']' => $"'{Current}'", _ => "a comment" };
            throw Error(Here, frame.Field?.ToString(), $"expected a value but found {found}");
        }
        frame.State = State.Value;
    }

    private void ScanValue(Frame frame)
    {
        var c = Current;
        switch (c)
        {
            case ',' when frame is { ObjectAfterKey: true, Pieces: 1 }:
                throw Error(Here, frame.Field?.ToString(),
                    "Akka.NET's HOCON reads no ',' after an object written as key { ... }: end the line there, or write key = { ... },");
            case '\n' or ',':
                EndField(frame);
                Advance();
                frame.State = frame.IsList ? State.Element : State.Key;
                frame.ElementExpected = c == ',';
                return;
            case '}':
                EndField(frame);
                CloseObject(frame);
                return;
            case ']':
                EndField(frame);
                CloseList(frame);
                return;
            case '=' or ':':
                var hint = frame.LastPieceUnquoted && _pos > 0 && !char.IsWhiteSpace(_text[_pos - 1])
                    ? " (put values containing ':' or '=' in quotes)"
                    : "";
                if (frame.IsList)
                {
                    throw Error(Here, frame.Owner?.ToString(),
                        $"expected ',' or ']' (to close the list opened at line {frame.Opened.Line}) after a list element but found '{c}'{hint}");
                }
                var of = frame.Field is null ? "the value" : $"the value of '{frame.Field}'";
                throw Error(Here, frame.Field?.ToString(), $"expected ',' or a new line after {of} but found '{c}'{hint}");
            case '"':
                ScanString();
                AddPiece(frame, null, unquoted: false);
                return;
            case '$' when Next == '{':
                AddPiece(frame, ScanSubstitution(frame), unquoted: false);
                return;
            case '{':
                if (frame.LastPieceSubstitution)
                {
                    throw Error(Here, frame.Field?.ToString(),
                        "Akka.NET's HOCON drops a substitution that an object follows (${defaults} { ... }): write the object out in full");
                }
                if (frame.Pieces == 0 && !frame.IsList && frame.Path is not null && frame.Field is { } field && _copies.TryGetValue(field, out var copy))
                {
                    throw CopyExtended(Here, copy);
                }
                AddPiece(frame, null, unquoted: false);
                Open(isList: false, frame.IsList || frame.Path is null ? null : frame.Field, frame.Field);
                return;
            case '[':
                AddPiece(frame, null, unquoted: false);
                Open(isList: true, null, frame.Field);
                return;
        }
        if (Reserved.Contains(c))
        {
            throw Error(Here, frame.Field?.ToString(), $"unexpected character '{c}' in an unquoted value (put the value in quotes)");
        }
        while (!AtEnd && !char.IsWhiteSpace(Current) && !"\"{}[],=:#".Contains(Current) && !Reserved.Contains(Current) && !AtComment)
        {
            Advance();
        }
        AddPiece(frame, null, unquoted: true);
    }

    private static void AddPiece(Frame frame, Substitution? substitution, bool unquoted)
    {
        frame.Pieces++;
        frame.OnlySubstitution = frame.Pieces == 1 ? substitution : null;
        frame.LastPieceUnquoted = unquoted;
        frame.LastPieceSubstitution = substitution is not null;
    }

    /// <summary>At the end of a field or element: a lone substitution is its whole value.</summary>
    private void EndField(Frame frame)
    {
        if (frame is { Pieces: 1, OnlySubstitution: { } substitution })
        {
            substitution.Use = frame.IsList ? SubstitutionUse.WholeElement : SubstitutionUse.WholeField;
            substitution.UseStart = frame.FieldStart;
            if (!frame.IsList && frame.Path is not null && frame.Field is { } field) _copies[field] = substitution;
        }
        frame.Pieces = 0;
        frame.OnlySubstitution = null;
        frame.LastPieceSubstitution = false;
    }

    // ---- lists ---------------------------------------------------------------------------------

    private void ScanElementPosition(Frame frame)
    {
        switch (Current)
        {
            case '\n':
                Advance();
                return;
            case ',':
                if (frame.ElementExpected) throw Error(Here, frame.Owner?.ToString(), "expected a list element but found ','");
                frame.ElementExpected = true;
                Advance();
                return;
            case ']':
                CloseList(frame);
                return;
            case '}':
                throw Error(Here, null, $"expected ']' to close the list opened at line {frame.Opened.Line} but found '}}'");
        }
        StartField(frame, frame.Owner, _pos);
        frame.ElementExpected = false;
        frame.State = State.Value;
    }

    private void CloseList(Frame frame)
    {
        if (!frame.IsList)
        {
            throw Error(Here, null, frame == _stack[0] && !frame.Braced
                ? "found ']' with no list open"
                : $"expected '}}' to close the object opened at line {frame.Opened.Line} but found ']'");
        }
        Advance();
        _stack.RemoveAt(_stack.Count - 1);
    }

    private void Open(bool isList, ConfigPath? path, ConfigPath? owner)
    {
        if (_stack.Count > MaxNesting)
        {
            throw Error(Here, owner?.ToString(),
                $"objects and lists are nested more than {MaxNesting} deep (a config needs a handful of levels; the limit keeps the parser from overflowing the stack)");
        }
        var opened = Here;
        Advance();
        _stack.Add(new Frame
        {
            IsList = isList,
            Path = path,
            Owner = owner,
            Opened = opened,
            State = isList ? State.Element : State.Key,
        });
    }

    private void Finish()
    {
        var frame = _stack[^1];
        if (frame.State == State.ValueStart)
        {
            throw Error(Here, frame.Field?.ToString(), "expected a value but found end of file");
        }
        if (frame.State == State.Value) EndField(frame);
        if (frame.IsList)
        {
            throw Error(Here, frame.Owner?.ToString(), $"expected ']' to close the list opened at line {frame.Opened.Line} but found end of file");
        }
        if (frame != _stack[0] || (frame.Braced && !_rootClosed))
        {
            throw Error(Here, frame.Owner?.ToString(), $"expected '}}' to close the object opened at line {frame.Opened.Line} but found end of file");
        }
    }

    // ---- strings and substitutions -------------------------------------------------------------

    private void ScanString()
    {
        if (Next == '"' && _pos + 2 < _text.Length && _text[_pos + 2] == '"')
        {
            var start = Here;
            var close = _text.IndexOf("\"\"\"", _pos + 3, StringComparison.Ordinal);
            if (close < 0) throw Error(start, null, "unterminated triple-quoted string: expected \"\"\" before the end of the file");
            while (_pos < close + 3) Advance();
            while (Current == '"') Advance();   // """a"""" ends with the last three quotes
            return;
        }
        ScanQuotedString();
    }

    /// <summary>A "quoted string" on one line; returns its text with escapes applied.</summary>
    private string ScanQuotedString()
    {
        var start = Here;
        var text = new StringBuilder();
        Advance();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw Error(start, null,
                    "unterminated string: a quoted string must end on the line it starts (use \"\"\" for text over several lines)");
            }
            var c = Current;
            Advance();
            if (c == '"') return text.ToString();
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            var escape = Current;
            var escapeAt = Here;
            if (!AtEnd) Advance();
            switch (escape)
            {
                case '"' or '\\' or '/': text.Append(escape); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u' when _pos + 4 <= _text.Length && !_text.AsSpan(_pos, 4).ContainsAnyExcept(HexDigits):
                    text.Append((char)Convert.ToInt32(_text.Substring(_pos, 4), 16));
                    for (var i = 0; i < 4; i++) Advance();
                    break;
                default:
                    throw Error(escapeAt with { Column = escapeAt.Column - 1 }, null,
                        $"invalid escape sequence '\\{escape}' (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
        }
    }

    private Substitution ScanSubstitution(Frame frame)
    {
        var start = _pos;
        var origin = Here;
        var close = _text.IndexOfAny(['}', '\n'], _pos + 2);
        if (close < 0 || _text[close] != '}')
        {
            throw Error(origin, frame.Field?.ToString(), "unterminated substitution: expected '}' to close '${' on the same line");
        }
        var inner = _text[(_pos + 2)..close];
        var optional = inner.StartsWith('?');
        var expression = (optional ? inner[1..] : inner).Trim();
        if (expression.Length == 0) throw Error(origin, frame.Field?.ToString(), "expected a path inside '${}'");
        ConfigPath path;
        try
        {
            path = ConfigPath.Parse(expression);
        }
        catch (ConfigException e)
        {
            throw Error(origin, expression, e.Reason);
        }
        while (_pos <= close) Advance();
        var substitution = new Substitution(expression, path, optional, start, _pos, KeyOrigin(origin), frame.Field);
        _map.Substitutions.Add(substitution);
        return substitution;
    }

    // ---- errors --------------------------------------------------------------------------------

    private string Describe() => AtEnd ? "end of file" : Current == '\n' ? "end of line" : $"'{Current}'";

    private static ConfigException Error(ConfigOrigin at, string? path, string reason) => new(at, path, reason);
}
