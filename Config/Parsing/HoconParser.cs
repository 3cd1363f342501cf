namespace A3C.Configuration.Parsing;

/// <summary>
/// Recursive-descent parser from tokens to an (unresolved) <see cref="ConfigObject"/>.
/// Fields of objects that sit at a known path are written straight into one shared
/// <see cref="ObjectBuilder"/> tree, so duplicate keys merge as they are met and a field can
/// see its own earlier value (<c>a += x</c>).
/// </summary>
internal sealed class HoconParser
{
    private readonly List<Token> _tokens;
    private readonly int[] _matchingClose;
    private readonly string _originName;
    private readonly string _baseDirectory;
    private readonly IReadOnlyList<string> _openFiles;
    private readonly ConfigPath? _includePrefix;
    private int _pos;
    private ConfigOrigin? _lastOrigin;

    private HoconParser(string text, string originName, string baseDirectory, IReadOnlyList<string> openFiles, ConfigPath? includePrefix)
    {
        _tokens = Tokenizer.Tokenize(text, originName);
        _matchingClose = MatchBrackets(_tokens);
        _originName = originName;
        _baseDirectory = baseDirectory;
        _openFiles = openFiles;
        _includePrefix = includePrefix;
    }

    /// <param name="text">The HOCON text.</param>
    /// <param name="originName">Names the source in origins and errors (usually the file path as given).</param>
    /// <param name="filePath">The full path of the file the text came from, if any: includes are relative to it.</param>
    public static ConfigObject Parse(string text, string originName, string? filePath)
    {
        var baseDirectory = filePath is null ? Environment.CurrentDirectory : Path.GetDirectoryName(filePath)!;
        var openFiles = filePath is null ? [] : new[] { filePath };
        var parser = new HoconParser(text, originName, baseDirectory, openFiles, includePrefix: null);
        var root = new ObjectBuilder(new ConfigOrigin(originName, 1));
        parser.ParseDocument(root, ConfigPath.Root);
        return root.BuildRoot();
    }

    private Token Current => _tokens[_pos];

    /// <summary>The origin of a token; consecutive tokens on one line share one instance.</summary>
    private ConfigOrigin OriginOf(Token token)
    {
        if (_lastOrigin?.Line != token.Line) _lastOrigin = new ConfigOrigin(_originName, token.Line);
        return _lastOrigin;
    }

    private void ParseDocument(ObjectBuilder target, ConfigPath? targetPath)
    {
        SkipBlank();
        if (Current.Kind == TokenKind.OpenBracket)
        {
            throw Error(Current, null, "expected an object at the root of the config but found a list");
        }
        if (Current.Kind == TokenKind.OpenBrace && IsFollowedOnlyByBlank(_matchingClose[_pos]))
        {
            _pos++;
            ParseObjectBody(target, targetPath, TokenKind.CloseBrace, openLine: _tokens[_pos - 1].Line);
            SkipBlank();
        }
        else
        {
            ParseObjectBody(target, targetPath, TokenKind.End, openLine: 0);
        }
    }

    private void ParseObjectBody(ObjectBuilder target, ConfigPath? targetPath, TokenKind closer, int openLine)
    {
        while (true)
        {
            SkipBlank();
            if (Current.Kind == closer)
            {
                if (closer != TokenKind.End) _pos++;
                return;
            }
            if (Current.Kind == TokenKind.End)
            {
                throw Error(Current, null, $"expected '}}' to close the object opened at line {openLine} but found end of file");
            }

            var key = ParseFieldOrInclude(target, targetPath);

            SkipWhitespace();
            if (Current.Kind == TokenKind.Comma)
            {
                _pos++;
            }
            else if (Current.Kind != TokenKind.Newline && Current.Kind != closer)
            {
                var after = key is null ? "the include" : $"the value of '{key}'";
                var hint = Current.Kind is TokenKind.Colon or TokenKind.Equals ? " (put values containing ':' or '=' in quotes)" : "";
                throw Error(Current, null, $"expected ',' or a new line after {after} but found {Current.Describe()}{hint}");
            }
        }
    }

    /// <summary>Parses one <c>key = value</c>, <c>key { ... }</c> or include; returns the key for error messages.</summary>
    private ConfigPath? ParseFieldOrInclude(ObjectBuilder target, ConfigPath? targetPath)
    {
        if (IsIncludeDirective())
        {
            ParseInclude(target, targetPath);
            return null;
        }

        var keyOrigin = OriginOf(Current);
        var key = ParseKey();
        var separator = ParseSeparator(key);
        var parent = target;
        for (var i = 0; i < key.Length - 1; i++)
        {
            parent = parent.GetOrAddObject(key[i], keyOrigin);
        }
        // Absolute path of the field, known only where the object itself sits at a known path.
        var fieldPath = targetPath?.Append(key);

        if (separator.Kind != TokenKind.PlusEquals && Current.Kind == TokenKind.OpenBrace && IsLoneValue(_pos))
        {
            // `key { ... }` writes straight into the existing object, merging with it.
            var openLine = Current.Line;
            _pos++;
            ParseObjectBody(parent.GetOrAddObject(key.Last, keyOrigin), fieldPath, TokenKind.CloseBrace, openLine);
            return key;
        }

        var value = ParseValue(fieldPath ?? key);
        if (separator.Kind == TokenKind.PlusEquals)
        {
            value = AppendToEarlier(value, fieldPath ?? key, target.Find(key), OriginOf(separator));
        }
        else if (fieldPath is not null && !value.IsResolved)
        {
            value = SelfReferences.Replace(value, fieldPath, target.Find(key));
        }
        parent.Set(key.Last, value);
        return key;
    }

    /// <summary>Consumes '=', ':' or '+=' (or leaves a '{' in place) and returns it.</summary>
    private Token ParseSeparator(ConfigPath key)
    {
        SkipWhitespace();
        var separator = Current;
        switch (separator.Kind)
        {
            case TokenKind.Equals or TokenKind.Colon or TokenKind.PlusEquals:
                _pos++;
                SkipWhitespace();
                return separator;
            case TokenKind.OpenBrace:
                return separator;
            default:
                throw Error(separator, key.ToString(), $"expected '=', ':' or '{{' after the key but found {separator.Describe()}");
        }
    }

    /// <summary><c>a += x</c> means <c>a = ${?a} [x]</c>.</summary>
    private static ConfigValue AppendToEarlier(ConfigValue item, ConfigPath field, ConfigValue? earlier, ConfigOrigin origin)
    {
        var self = new ConfigSubstitution(field, isOptional: true, field.ToString(), origin, isSelfReference: true);
        var appended = new ConfigConcatenation([self, new ConfigList([item], item.Origin)], item.Origin);
        return SelfReferences.Replace(appended, field, earlier);
    }

    private ConfigPath ParseKey()
    {
        var first = Current;
        if (first.Kind is not (TokenKind.Unquoted or TokenKind.Quoted))
        {
            throw Error(first, null, $"expected a key but found {first.Describe()}");
        }
        if (first.Kind == TokenKind.Unquoted && !first.Text.Contains('.') && Next.Kind is not (TokenKind.Unquoted or TokenKind.Quoted))
        {
            // The common case, a plain key such as `throughput`, needs no path building.
            _pos++;
            return ConfigPath.Of(first.Text);
        }
        var builder = new ConfigPathBuilder();
        var keyText = "";
        // Keys end at whitespace (HOCON would allow `a b = 1`), so that `b 2` reports the missing '='.
        while (Current.Kind is TokenKind.Unquoted or TokenKind.Quoted)
        {
            if (Current.Kind == TokenKind.Quoted) builder.AppendQuoted(Current.Text);
            else builder.AppendUnquoted(Current.Text, OriginOf(Current));
            keyText += Current.Text;
            _pos++;
        }
        return builder.Build(keyText, OriginOf(first));
    }

    private Token Next => _tokens[Math.Min(_pos + 1, _tokens.Count - 1)];

    /// <summary>
    /// Parses a value up to the end of the line, a comma or a closing bracket. Adjacent pieces
    /// form a concatenation, joined now when nothing in them needs resolution.
    /// </summary>
    private ConfigValue ParseValue(ConfigPath? pathForErrors)
    {
        var start = Current;
        var pieces = new List<ConfigValue>();
        string? pendingWhitespace = null;
        var onlyUnquotedText = true;
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.Whitespace)
            {
                pendingWhitespace = token.Text;
                _pos++;
                continue;
            }
            if (token.Kind is not (TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Substitution
                or TokenKind.OpenBracket or TokenKind.OpenBrace))
            {
                break;
            }
            if (pendingWhitespace is not null && pieces.Count > 0)
            {
                pieces.Add(new ConfigString(pendingWhitespace, OriginOf(token)));
            }
            pendingWhitespace = null;
            onlyUnquotedText &= token.Kind == TokenKind.Unquoted;
            pieces.Add(ParsePiece());
        }

        if (pieces.Count == 0)
        {
            throw Error(Current, pathForErrors?.ToString(), $"expected a value but found {Current.Describe()}");
        }
        var origin = OriginOf(start);
        if (pieces.Count == 1)
        {
            return onlyUnquotedText ? InferUnquoted(((ConfigString)pieces[0]).Value, origin) : pieces[0];
        }
        return pieces.All(piece => piece.IsResolved)
            ? ConfigConcatenation.Join(pieces, origin, pathForErrors)!
            : new ConfigConcatenation(pieces, origin);
    }

    private ConfigValue ParsePiece()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Unquoted or TokenKind.Quoted:
                _pos++;
                return new ConfigString(token.Text, OriginOf(token));
            case TokenKind.Substitution:
                _pos++;
                return CreateSubstitution(token);
            case TokenKind.OpenBracket:
                return ParseList();
            default:
                _pos++;
                var obj = new ObjectBuilder(OriginOf(token));
                ParseObjectBody(obj, targetPath: null, TokenKind.CloseBrace, token.Line);
                return obj.BuildRoot();
        }
    }

    private ConfigSubstitution CreateSubstitution(Token token)
    {
        var origin = OriginOf(token);
        var path = ConfigPath.Parse(token.Text, origin);
        return _includePrefix is { IsRoot: false } prefix
            ? new ConfigSubstitution(prefix.Append(path), token.IsOptional, token.Text, origin, includeRelativePath: path)
            : new ConfigSubstitution(path, token.IsOptional, token.Text, origin);
    }

    private ConfigList ParseList()
    {
        var open = Current;
        _pos++;
        var items = new List<ConfigValue>();
        while (true)
        {
            SkipBlank();
            if (Current.Kind == TokenKind.CloseBracket)
            {
                _pos++;
                return new ConfigList(items, OriginOf(open));
            }
            if (Current.Kind == TokenKind.End)
            {
                throw Error(Current, null, $"expected ']' to close the list opened at line {open.Line} but found end of file");
            }
            items.Add(ParseValue(pathForErrors: null));
            SkipWhitespace();
            if (Current.Kind == TokenKind.Comma)
            {
                _pos++;
            }
            else if (Current.Kind is not (TokenKind.Newline or TokenKind.CloseBracket))
            {
                throw Error(Current, null, $"expected ',' or ']' after list element {items.Count - 1} but found {Current.Describe()}");
            }
        }
    }

    private static ConfigValue InferUnquoted(string text, ConfigOrigin origin) => text switch
    {
        "true" => new ConfigBoolean(true, origin),
        "false" => new ConfigBoolean(false, origin),
        "null" => new ConfigNull(origin),
        _ => (ConfigValue?)ConfigNumber.TryParse(text, origin) ?? new ConfigString(text, origin),
    };

    private bool IsIncludeDirective()
    {
        if (Current is not { Kind: TokenKind.Unquoted, Text: "include" } || Next.Kind != TokenKind.Whitespace) return false;
        var argument = _tokens[Math.Min(_pos + 2, _tokens.Count - 1)];
        return argument.Kind == TokenKind.Quoted
            || (argument.Kind == TokenKind.Unquoted && (argument.Text.StartsWith("file(", StringComparison.Ordinal)
                                                        || argument.Text.StartsWith("required(", StringComparison.Ordinal)));
    }

    /// <summary>Parses <c>include "f"</c>, <c>include file("f")</c> or <c>include required(file("f"))</c> into <paramref name="target"/>.</summary>
    private void ParseInclude(ObjectBuilder target, ConfigPath? targetPath)
    {
        var includeToken = Current;
        _pos += 2;
        var opening = Current.Kind == TokenKind.Unquoted ? Current.Text : "";
        if (opening.Length > 0) _pos++;
        if (Current.Kind != TokenKind.Quoted || opening.Replace("required(", "").Replace("file(", "").Length > 0)
        {
            throw Error(Current, null, $"expected include \"file\", include file(\"file\") or include required(file(\"file\")) but found {Current.Describe()}");
        }
        var name = Current.Text;
        _pos++;
        var expectedClose = new string(')', opening.Count(c => c == '('));
        if (expectedClose.Length > 0)
        {
            if (Current.Kind != TokenKind.Unquoted || Current.Text != expectedClose)
            {
                throw Error(Current, null, $"expected '{expectedClose}' to close the include but found {Current.Describe()}");
            }
            _pos++;
        }
        IncludeFile(name, OriginOf(includeToken), target, targetPath);
    }

    private void IncludeFile(string name, ConfigOrigin includeOrigin, ObjectBuilder target, ConfigPath? targetPath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(_baseDirectory, name));
        var displayName = Path.Combine(Path.GetDirectoryName(_originName) ?? "", name);
        if (_openFiles.Contains(fullPath))
        {
            var chain = string.Join(" -> ", _openFiles.Select(Path.GetFileName).Append(Path.GetFileName(fullPath)));
            throw new ConfigException(includeOrigin, null, $"include cycle: {chain}");
        }
        if (!File.Exists(fullPath))
        {
            throw new ConfigException(includeOrigin, null, $"included file \"{name}\" does not exist (looked for {fullPath})");
        }
        var included = new HoconParser(File.ReadAllText(fullPath), displayName, Path.GetDirectoryName(fullPath)!,
            [.. _openFiles, fullPath], includePrefix: targetPath);
        included.ParseDocument(target, targetPath);
    }

    private bool IsLoneValue(int openIndex)
    {
        var close = _matchingClose[openIndex];
        if (close < 0) return false;
        var next = close + 1;
        while (_tokens[next].Kind == TokenKind.Whitespace) next++;
        return _tokens[next].Kind is TokenKind.Newline or TokenKind.Comma or TokenKind.CloseBrace
            or TokenKind.CloseBracket or TokenKind.End;
    }

    private bool IsFollowedOnlyByBlank(int index)
    {
        if (index < 0) return false;
        var next = index + 1;
        while (_tokens[next].Kind is TokenKind.Whitespace or TokenKind.Newline) next++;
        return _tokens[next].Kind == TokenKind.End;
    }

    private void SkipWhitespace()
    {
        while (Current.Kind == TokenKind.Whitespace) _pos++;
    }

    private void SkipBlank()
    {
        while (Current.Kind is TokenKind.Whitespace or TokenKind.Newline) _pos++;
    }

    private ConfigException Error(Token token, string? path, string reason) => new(OriginOf(token), path, reason);

    /// <summary>Pairs each '{' / '[' with its closing token in one pass (-1 when unbalanced).</summary>
    private static int[] MatchBrackets(List<Token> tokens)
    {
        var matching = new int[tokens.Count];
        Array.Fill(matching, -1);
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            switch (tokens[i].Kind)
            {
                case TokenKind.OpenBrace or TokenKind.OpenBracket:
                    open.Push(i);
                    break;
                case TokenKind.CloseBrace or TokenKind.CloseBracket when open.Count > 0:
                    matching[open.Pop()] = i;
                    break;
            }
        }
        return matching;
    }
}
