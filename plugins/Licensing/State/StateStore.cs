using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ecsta.Plugins.Licensing.State;

/// <summary>The result of reading both files and reconciling them.</summary>
/// <param name="State">The state to run with.</param>
/// <param name="StateFile">How the main state file was found.</param>
/// <param name="MarkerFile">How the marker was found.</param>
/// <param name="Finding">What the reconciliation noticed (an altered or missing file), for the log.</param>
internal sealed record LoadResult(PersistedState State, FileCondition StateFile, FileCondition MarkerFile, string? Finding);

/// <summary>
/// Keeps the license state in <c>license-state.json</c> in the state folder and a tamper-evident marker
/// (first start, latest time seen) in a second folder, and reconciles the two on start.
/// </summary>
internal sealed class StateStore
{
    /// <summary>Name of the main state file.</summary>
    public const string StateFileName = "license-state.json";

    private readonly string _stateDirectory;

    public StateStore(string stateDirectory, string markerDirectory)
    {
        _stateDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(stateDirectory));
        StatePath = Path.Combine(_stateDirectory, StateFileName);
        MarkerDirectory = Path.GetFullPath(markerDirectory);
        MarkerPath = Path.Combine(MarkerDirectory, MarkerFileName(_stateDirectory));
    }

    public string StatePath { get; }

    public string MarkerDirectory { get; }

    public string MarkerPath { get; }

    /// <summary>The default marker folder: the user's local application data (XDG data dir on Unix).</summary>
    public static string DefaultMarkerDirectory() => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "ecsta",
        "license");

    /// <summary>Reads both files and decides the trial start, the latest time seen and the codes.</summary>
    public LoadResult Load(DateTimeOffset now)
    {
        var (stateCondition, state, salvagedCodes) = ReadState();
        var (markerCondition, marker) = ReadMarker();

        switch (stateCondition, markerCondition)
        {
            case (FileCondition.Missing, FileCondition.Missing):
                return new LoadResult(new PersistedState(now, now, null, []), stateCondition, markerCondition, null);

            case (FileCondition.Valid, FileCondition.Valid):
                {
                    var s = state!;
                    var lastSeen = Max(s.LastSeen, marker!.LastSeenTime);
                    if (s.TrialStart != marker.FirstStartTime)
                    {
                        return Void(s with { LastSeen = lastSeen }, "the license state and its trial marker disagree about the first start");
                    }

                    var trialVoid = s.TrialVoid ?? marker.TrialVoid;
                    return new LoadResult(s with { LastSeen = lastSeen, TrialVoid = trialVoid }, stateCondition, markerCondition, null);
                }

            case (FileCondition.Valid, _):
                return new LoadResult(
                    state!,
                    stateCondition,
                    markerCondition,
                    markerCondition == FileCondition.Altered ? "the trial marker was altered; it is rewritten from the license state" : null);

            case (_, FileCondition.Valid):
                {
                    var restored = new PersistedState(marker!.FirstStartTime, marker.LastSeenTime, marker.TrialVoid, salvagedCodes);
                    var finding = stateCondition == FileCondition.Missing
                        ? "the license state file was missing; the trial start comes from the trial marker and codes must be added again"
                        : "the license state file was altered; the trial start comes from the trial marker";
                    return new LoadResult(restored, stateCondition, markerCondition, finding);
                }

            default:
                {
                    var reason = (stateCondition, markerCondition) switch
                    {
                        (FileCondition.Altered, FileCondition.Missing) => "the license state was altered and its trial marker is missing",
                        (FileCondition.Missing, FileCondition.Altered) => "the license state is missing and its trial marker was altered",
                        _ => "both the license state and its trial marker were altered",
                    };
                    // Neither file can be trusted: the trial start is unknown, so the trial is over (codes still count).
                    return Void(new PersistedState(now, now, null, salvagedCodes), reason);
                }
        }

        LoadResult Void(PersistedState s, string reason) =>
            new(s with { TrialVoid = s.TrialVoid ?? reason }, stateCondition, markerCondition, reason);
    }

    /// <summary>Writes the state file (must succeed) and the marker (best effort: a failure is returned, not thrown).</summary>
    public string? Save(PersistedState state)
    {
        AtomicFile.EnsureFolder(_stateDirectory, ownerOnly: false);
        AtomicFile.Write(StatePath, JsonSerializer.Serialize(StateDocument.From(state), StateText.Json));
        try
        {
            AtomicFile.EnsureFolder(MarkerDirectory, ownerOnly: true);
            AtomicFile.Write(MarkerPath, JsonSerializer.Serialize(MarkerDocument.From(_stateDirectory, state), StateText.Json));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    /// <summary>The codes in the state file as it is on disk now (another process may have added some).</summary>
    public IReadOnlyList<string> ReadCodesOnDisk() => ReadState().Codes;

    /// <summary>When the state file was last written, to notice writes by another process.</summary>
    public DateTime StateWriteTimeUtc() => File.GetLastWriteTimeUtc(StatePath);

    private (FileCondition Condition, PersistedState? State, IReadOnlyList<string> Codes) ReadState()
    {
        var text = AtomicFile.ReadOrNull(StatePath);
        if (text is null)
        {
            return File.Exists(StatePath) ? (FileCondition.Altered, null, []) : (FileCondition.Missing, null, []);
        }

        var document = Deserialize<StateDocument>(text);
        if (document is null)
        {
            return (FileCondition.Altered, null, []);
        }

        // Codes are signed on their own, so they survive an edit of the file; each is verified again on load.
        IReadOnlyList<string> codes = document.Codes is { } list ? [.. list.Where(c => c is not null).Take(256)] : [];
        return document.IsAuthentic ? (FileCondition.Valid, document.ToState(), codes) : (FileCondition.Altered, null, codes);
    }

    private (FileCondition Condition, MarkerDocument? Marker) ReadMarker()
    {
        string? text;
        try
        {
            text = AtomicFile.ReadOrNull(MarkerPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (FileCondition.Missing, null);
        }

        if (text is null)
        {
            return File.Exists(MarkerPath) ? (FileCondition.Altered, null) : (FileCondition.Missing, null);
        }

        // A marker copied over from another installation's file name names another state folder.
        var document = Deserialize<MarkerDocument>(text);
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return document is { IsAuthentic: true } && string.Equals(document.StateDirectory, _stateDirectory, comparison)
            ? (FileCondition.Valid, document)
            : (FileCondition.Altered, null);
    }

    private static T? Deserialize<T>(string text)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, StateText.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string MarkerFileName(string stateDirectory)
    {
        var key = OperatingSystem.IsWindows() ? stateDirectory.ToUpperInvariant() : stateDirectory;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return $"trial-{Convert.ToHexString(hash, 0, 8).ToLowerInvariant()}.json";
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
