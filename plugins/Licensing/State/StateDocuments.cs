using System.Globalization;
using System.Text.Json;

namespace Ecsta.Plugins.Licensing.State;

/// <summary>The condition a state or marker file was found in.</summary>
internal enum FileCondition
{
    /// <summary>There is no file.</summary>
    Missing = 0,
    /// <summary>Readable and its MAC matches.</summary>
    Valid,
    /// <summary>Present but unreadable or its MAC does not match: edited.</summary>
    Altered,
}

/// <summary>The main state file beside the configuration (<c>license-state.json</c>).</summary>
internal sealed class StateDocument
{
    private const string Purpose = "ecsta-license-state";

    public int Version { get; set; }
    public string? TrialStart { get; set; }
    public string? LastSeen { get; set; }
    public string? TrialVoid { get; set; }
    public List<string>? Codes { get; set; } = [];
    public string? Mac { get; set; }

    public static StateDocument From(PersistedState state)
    {
        var document = new StateDocument
        {
            Version = 1,
            TrialStart = StateText.Format(state.TrialStart),
            LastSeen = StateText.Format(state.LastSeen),
            TrialVoid = state.TrialVoid,
            Codes = [.. state.Codes],
        };
        document.Mac = StateMac.Compute(Purpose, document.MacFields());
        return document;
    }

    public bool IsAuthentic => Version == 1 && StateMac.Verify(Mac, Purpose, MacFields())
        && StateText.TryParse(TrialStart, out _) && StateText.TryParse(LastSeen, out _);

    public PersistedState ToState()
    {
        _ = StateText.TryParse(TrialStart, out var start);
        _ = StateText.TryParse(LastSeen, out var seen);
        return new PersistedState(start, seen, TrialVoid, Codes ?? []);
    }

    private string?[] MacFields() =>
        [Version.ToString(CultureInfo.InvariantCulture), TrialStart, LastSeen, TrialVoid, string.Join('\n', Codes ?? [])];
}

/// <summary>The second, tamper-evident marker kept away from the configuration.</summary>
internal sealed class MarkerDocument
{
    private const string Purpose = "ecsta-license-marker";

    public int Version { get; set; }
    public string? StateDirectory { get; set; }
    public string? FirstStart { get; set; }
    public string? LastSeen { get; set; }
    public string? TrialVoid { get; set; }
    public string? Mac { get; set; }

    public static MarkerDocument From(string stateDirectory, PersistedState state)
    {
        var document = new MarkerDocument
        {
            Version = 1,
            StateDirectory = stateDirectory,
            FirstStart = StateText.Format(state.TrialStart),
            LastSeen = StateText.Format(state.LastSeen),
            TrialVoid = state.TrialVoid,
        };
        document.Mac = StateMac.Compute(Purpose, document.MacFields());
        return document;
    }

    public bool IsAuthentic => Version == 1 && StateMac.Verify(Mac, Purpose, MacFields())
        && StateText.TryParse(FirstStart, out _) && StateText.TryParse(LastSeen, out _);

    public DateTimeOffset FirstStartTime => StateText.TryParse(FirstStart, out var t) ? t : default;

    public DateTimeOffset LastSeenTime => StateText.TryParse(LastSeen, out var t) ? t : default;

    private string?[] MacFields() =>
        [Version.ToString(CultureInfo.InvariantCulture), StateDirectory, FirstStart, LastSeen, TrialVoid];
}

/// <summary>JSON options and time text shared by both documents.</summary>
internal static class StateText
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        MaxDepth = 4,
    };

    public static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out time);
}
