namespace A3C.Configuration;

/// <summary>
/// Replaces every <c>${path}</c> in a config tree with the value at that path in the same tree.
/// Each field is resolved at most once (memoised by path), so resolution is linear in the tree size;
/// fields being resolved are tracked to report cycles instead of overflowing the stack.
/// </summary>
internal sealed class SubstitutionResolver
{
    private readonly ConfigObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<ConfigPath, ConfigValue?> _resolvedFields = [];
    private readonly List<ConfigPath> _inProgress = [];

    private SubstitutionResolver(ConfigObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <param name="environment">Looks up environment variables for substitutions absent from the tree.</param>
    public static ConfigObject Resolve(ConfigObject root, Func<string, string?> environment) =>
        root.IsResolved ? root : new SubstitutionResolver(root, environment).ResolveObject(root, ConfigPath.Root);

    private ConfigObject ResolveObject(ConfigObject obj, ConfigPath? path)
    {
        if (obj.IsResolved) return obj;
        var fields = new List<KeyValuePair<string, ConfigValue>>(obj.Count);
        foreach (var (key, value) in obj.Fields)
        {
            var resolved = path is null ? ResolveValue(value, null) : ResolveField(path.Append(key), value);
            if (resolved is not null) fields.Add(new(key, resolved));
        }
        return new ConfigObject(fields, obj.Origin);
    }

    /// <summary>Resolves the value stored at <paramref name="path"/>; null when it turns out undefined.</summary>
    private ConfigValue? ResolveField(ConfigPath path, ConfigValue raw)
    {
        if (raw.IsResolved) return raw;
        if (_resolvedFields.TryGetValue(path, out var done)) return done;
        if (_inProgress.Contains(path)) throw CycleError(path, raw);

        _inProgress.Add(path);
        var resolved = ResolveValue(raw, path);
        _inProgress.RemoveAt(_inProgress.Count - 1);
        _resolvedFields[path] = resolved;
        return resolved;
    }

    private ConfigValue? ResolveValue(ConfigValue raw, ConfigPath? path) => raw switch
    {
        { IsResolved: true } => raw,
        ConfigObject obj => ResolveObject(obj, path),
        ConfigList list => new ConfigList(ResolveAll(list.Items), list.Origin),
        ConfigSubstitution substitution => ResolveSubstitution(substitution),
        ConfigConcatenation concatenation =>
            ConfigConcatenation.Join(ResolveAll(concatenation.Pieces), concatenation.Origin, path),
        _ => raw,
    };

    /// <summary>Resolves values that have no path of their own (list items, concatenation pieces), dropping undefined ones.</summary>
    private List<ConfigValue> ResolveAll(IReadOnlyList<ConfigValue> values)
    {
        var resolved = new List<ConfigValue>(values.Count);
        foreach (var value in values)
        {
            if (ResolveValue(value, null) is { } item) resolved.Add(item);
        }
        return resolved;
    }

    private ConfigValue? ResolveSubstitution(ConfigSubstitution substitution)
    {
        if (!substitution.IsSelfReference)
        {
            var found = Lookup(substitution.Path)
                ?? (substitution.IncludeRelativePath is { } relative ? Lookup(relative) : null);
            if (found is not null) return found;
        }
        if (_environment(substitution.Expression) is { } variable)
        {
            return new ConfigString(variable, new ConfigOrigin($"environment variable {substitution.Expression}", 0));
        }
        if (substitution.Previous is not null) return ResolveValue(substitution.Previous, null);
        if (substitution.IsOptional) return null;

        var reason = substitution.IsSelfReference
            ? $"could not resolve substitution ${{{substitution.Expression}}}: it refers to the field itself and there is no earlier value (use ${{?{substitution.Expression}}} if it may be absent)"
            : $"could not resolve substitution ${{{substitution.Expression}}}: no value at that path and no environment variable of that name";
        throw new ConfigException(substitution.Origin, substitution.Path.ToString(), reason);
    }

    /// <summary>
    /// Finds the resolved value at <paramref name="target"/>. Only the fields on the way are resolved,
    /// not whole objects, so <c>a { x = 1, y = ${a.x} }</c> is not mistaken for a cycle.
    /// </summary>
    private ConfigValue? Lookup(ConfigPath target)
    {
        ConfigValue current = _root;
        var walked = ConfigPath.Root;
        for (var i = 0; i < target.Length; i++)
        {
            if (current is not ConfigObject obj || !obj.TryGetValue(target[i], out var child)) return null;
            walked = walked.Append(target[i]);
            var isLast = i == target.Length - 1;
            if (child is ConfigObject && !isLast)
            {
                current = child;
                continue;
            }
            var resolved = ResolveField(walked, child);
            if (resolved is null) return null;
            current = resolved;
        }
        return current;
    }

    private ConfigException CycleError(ConfigPath path, ConfigValue raw)
    {
        var start = _inProgress.IndexOf(path);
        var chain = string.Join(" -> ", _inProgress.Skip(start).Append(path));
        return new ConfigException(raw.Origin, path.ToString(), $"substitution cycle: {chain}");
    }
}
