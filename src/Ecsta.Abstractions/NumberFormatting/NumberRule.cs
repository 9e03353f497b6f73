namespace Ecsta.Abstractions.NumberFormatting;

/// <summary>The three rule lists of an instance.</summary>
public enum NumberDirection
{
    /// <summary>Numbers of incoming calls reported to applications.</summary>
    Incoming = 0,
    /// <summary>Numbers of outgoing calls reported to applications.</summary>
    Outgoing,
    /// <summary>Numbers an application dials, before they go to BroadWorks.</summary>
    Dial,
}

/// <summary>One search/replace rule.</summary>
/// <param name="Search">The search: a whole number (direct comparison) or a regular expression.</param>
/// <param name="Replace">The replacement; <c>\1</c>, <c>\2</c>… stand for the search's groups; empty suppresses the number.</param>
/// <param name="IsRegex"><see langword="true"/> for a regular expression, <see langword="false"/> for direct comparison.</param>
public sealed record NumberRule(string Search, string Replace, bool IsRegex);

/// <summary>Location formatting: extension numbers reported fully international.</summary>
/// <param name="Enabled">The "use location" switch.</param>
/// <param name="Location">The international prefix of the extensions, e.g. <c>+49(89)1234</c>.</param>
public sealed record LocationSettings(bool Enabled, string Location)
{
    /// <summary>Location off.</summary>
    public static LocationSettings Off { get; } = new(false, "");
}

/// <summary>All number formatting settings of one instance.</summary>
/// <param name="Location">Location formatting.</param>
/// <param name="Incoming">Incoming rules, in order.</param>
/// <param name="Outgoing">Outgoing rules, in order.</param>
/// <param name="Dial">Dial rules, in order.</param>
public sealed record NumberFormattingSettings(
    LocationSettings Location,
    IReadOnlyList<NumberRule> Incoming,
    IReadOnlyList<NumberRule> Outgoing,
    IReadOnlyList<NumberRule> Dial)
{
    /// <summary>No location, no rules: numbers pass unchanged.</summary>
    public static NumberFormattingSettings None { get; } = new(LocationSettings.Off, [], [], []);

    /// <summary>
    /// Where the formatter reports what it cannot do (a rule that ran too long): the instance's log. <see langword="null"/>
    /// for nowhere; a plugin never falls back to a global logger.
    /// </summary>
    public Serilog.ILogger? Log { get; init; }

    /// <summary>The rule list of a direction.</summary>
    public IReadOnlyList<NumberRule> RulesFor(NumberDirection direction) => direction switch
    {
        NumberDirection.Incoming => Incoming,
        NumberDirection.Outgoing => Outgoing,
        _ => Dial,
    };
}
