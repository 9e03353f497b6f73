using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Tsp.Provider;

/// <summary>One line device: a BroadWorks user with one address. Touched only under the provider's lock.</summary>
internal sealed class LineDevice(uint deviceId, TspLineSettings settings)
{
    public uint DeviceId { get; } = deviceId;

    /// <summary>The line as configured.</summary>
    public TspLineSettings Configured { get; private set; } = settings;

    /// <summary>The user's profile as BroadWorks gave it, once read (<see cref="LineIdentity"/>).</summary>
    public PlatformLine? Profile { get; private set; }

    /// <summary>The effective number and name: the configured ones, the profile's where the configuration is empty.</summary>
    public TspLineSettings Settings { get; private set; } = settings;

    public string UserId => Settings.UserId;

    /// <summary>Whether the profile is still to be read: the configuration leaves the number or name empty.</summary>
    public bool WantsProfile => Profile is null && !ProfileUnavailable && LineIdentity.WantsProfile(Configured);

    /// <summary>Whether the transport said it cannot read profiles (no retry then).</summary>
    public bool ProfileUnavailable { get; set; }

    /// <summary>Whether a profile read is under way.</summary>
    public bool ProfileLoading { get; set; }

    /// <summary>Takes a new configuration; true when the effective number or name changed.</summary>
    public bool Configure(TspLineSettings configured)
    {
        Configured = configured;
        return Refresh();
    }

    /// <summary>Takes the profile BroadWorks gave; true when the effective number or name changed.</summary>
    public bool TakeProfile(PlatformLine profile)
    {
        Profile = profile;
        return Refresh();
    }

    private bool Refresh()
    {
        var effective = LineIdentity.Merge(Configured, Profile);
        var changed = effective.Number != Settings.Number || effective.Name != Settings.Name;
        Settings = effective;
        return changed;
    }

    /// <summary>Whether the line was removed (LINE_REMOVE sent).</summary>
    public bool Removed { get; set; }

    /// <summary>Whether BroadWorks monitors the user (MonitorAsync succeeded and no MonitoringEvent(false) since).</summary>
    public bool Monitored { get; set; }

    /// <summary>
    /// Whether a MonitorAsync for the line is under way: the line is not monitored a second time meanwhile (a second
    /// MonitorAsync would read the line's calls again in server mode, and that late snapshot could end newer calls).
    /// </summary>
    public bool MonitorStarting { get; set; }

    /// <summary>Why monitoring failed or ended, if it did.</summary>
    public string? MonitorProblem { get; set; }

    /// <summary>In service as last announced with LINEDEVSTATE_INSERVICE/OUTOFSERVICE.</summary>
    public bool InService { get; set; }

    public List<LineHandle> Handles { get; } = [];

    /// <summary>Live calls (and calls whose new handle awaits completion), in creation order.</summary>
    public List<TapiCall> Calls { get; } = [];
    public Dictionary<string, TapiCall> ByCallId { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests in order; the first is the one in progress.</summary>
    public LinkedList<TspRequest> Requests { get; } = new();

    /// <summary>Events for unknown call ids held while a lineMakeCall/lineDial waits for its answer (docs/tapi-mapping.md §3.1).</summary>
    public List<CallEvent> HeldEvents { get; } = [];

    /// <summary>New incoming calls held back by the phantom window (docs/tapi-mapping.md §4.3), by call id.</summary>
    public Dictionary<string, PhantomCall> Phantoms { get; } = new(StringComparer.Ordinal);

    public Dictionary<UserService, ServiceSetting> Services { get; } = [];
    public IReadOnlyList<LineForwardEntry> AnnouncedForward { get; set; } = [];
    public RemoteOfficeState RemoteOffice { get; set; } = new(false, null);
    /// <summary>Whether a read of the line's services is queued or under way (one at a time per line).</summary>
    public bool ServicesLoading { get; set; }

    /// <summary>Whether another read was asked for while one was under way.</summary>
    public bool ServicesReloadWanted { get; set; }

    /// <summary>Forward-list changes seen while a lineForward was in flight: one AS(FORWARD) each after its C(0) (docs/tapi-mapping.md §3.14.5).</summary>
    public int PendingForwardAnnouncements { get; set; }
    public HookStatus Hook { get; set; }

    /// <summary>Call counts as last announced with LINEADDRESSSTATE_NUMCALLS.</summary>
    public (uint Active, uint Held, uint Pending) AnnouncedCounts { get; set; }

    public long NextSequence { get; set; }

    /// <summary>
    /// Per call id, the stream position of the last call event taken for it (live, phantom, held or ended calls;
    /// created on the first event). A snapshot read before that position must not undo what the event said.
    /// </summary>
    public Dictionary<string, long>? CallEventAt { get; set; }

    /// <summary>The stream position of the last conference event of the line.</summary>
    public long ConferenceEventAt { get; set; }

    /// <summary>The stream position of the last hook status event of the line.</summary>
    public long HookEventAt { get; set; }

    public TspRequest? Current => Requests.First?.Value;
}

/// <summary>A new incoming call inside its phantom window: its events wait here.</summary>
internal sealed class PhantomCall(string callId)
{
    public string CallId { get; } = callId;
    public List<CallEvent> Events { get; } = [];
    public DeadlineScheduler.Entry? Timer { get; set; }
}
