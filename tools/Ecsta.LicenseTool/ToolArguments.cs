namespace Ecsta.LicenseTool;

/// <summary>Parses <c>verb --name value --flag</c> argument lists (the tool is small enough not to need a parser library).</summary>
internal sealed class ToolArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private ToolArguments(string verb) => Verb = verb;

    /// <summary>The first argument.</summary>
    public string Verb { get; }

    /// <summary>Parses; flags listed in <paramref name="flags"/> take no value.</summary>
    public static ToolArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        if (args.Count == 0)
        {
            throw new ToolUsageException("No command given.");
        }

        var parsed = new ToolArguments(args[0]);
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                throw new ToolUsageException($"Unexpected argument '{name}'.");
            }

            if (flags.Contains(name))
            {
                parsed._options[name] = null;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ToolUsageException($"{name} needs a value.");
            }

            if (!parsed._options.TryAdd(name, args[++i]))
            {
                throw new ToolUsageException($"{name} is given twice.");
            }
        }

        return parsed;
    }

    /// <summary>Whether a flag or option is present.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>An option's value or null.</summary>
    public string? Optional(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>An option's value; missing is a usage error.</summary>
    public string Required(string name) =>
        Optional(name) ?? throw new ToolUsageException($"{Verb} needs {name}.");

    /// <summary>Fails on options the verb does not know (catches typos such as --line).</summary>
    public void OnlyAllow(params string[] names)
    {
        foreach (var name in _options.Keys)
        {
            if (Array.IndexOf(names, name) < 0)
            {
                throw new ToolUsageException($"{Verb} does not know {name}.");
            }
        }
    }
}

/// <summary>A mistake in the command line; reported with the usage text.</summary>
internal sealed class ToolUsageException(string message) : Exception(message);
