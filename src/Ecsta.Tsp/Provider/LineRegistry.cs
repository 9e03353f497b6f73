namespace Ecsta.Tsp.Provider;

/// <summary>
/// Which lines, open handles and calls an instance has, and the identities it hands out: call handles (hdCall, unique
/// per provider) and dwCallID (one per BroadWorks tracking id, shared by the calls that carry it). Touched only under
/// the provider's lock.
/// </summary>
internal sealed class LineRegistry
{
    private readonly Dictionary<string, (uint Id, int Refs)> _trackingIds = new(StringComparer.Ordinal);
    private uint _nextCallHandle;
    private uint _nextCallId;

    /// <summary>The lines by BroadWorks user id.</summary>
    public Dictionary<string, LineDevice> LinesByUser { get; } = new(StringComparer.Ordinal);

    /// <summary>The lines by device id.</summary>
    public Dictionary<uint, LineDevice> LinesById { get; } = [];

    /// <summary>The open line handles (hdLine).</summary>
    public Dictionary<uint, LineHandle> Handles { get; } = [];

    /// <summary>The calls by handle (hdCall).</summary>
    public Dictionary<uint, TapiCall> Calls { get; } = [];

    /// <summary>A new call handle.</summary>
    public uint NextCallHandle() => ++_nextCallHandle;

    /// <summary>A new dwCallID for a call without a tracking id (a conference call).</summary>
    public uint NextCallId() => ++_nextCallId;

    /// <summary>The dwCallID of a tracking id: the one its calls already share, else a new one; counts one more user.</summary>
    public uint Track(string extTrackingId)
    {
        if (_trackingIds.TryGetValue(extTrackingId, out var entry))
        {
            _trackingIds[extTrackingId] = (entry.Id, entry.Refs + 1);
            return entry.Id;
        }

        var id = NextCallId();
        _trackingIds[extTrackingId] = (id, 1);
        return id;
    }

    /// <summary>One user of the tracking id fewer; the id is forgotten with its last user.</summary>
    public void ReleaseTracking(string? extTrackingId)
    {
        if (extTrackingId is null || !_trackingIds.TryGetValue(extTrackingId, out var entry))
        {
            return;
        }

        if (entry.Refs <= 1)
        {
            _trackingIds.Remove(extTrackingId);
        }
        else
        {
            _trackingIds[extTrackingId] = (entry.Id, entry.Refs - 1);
        }
    }
}
