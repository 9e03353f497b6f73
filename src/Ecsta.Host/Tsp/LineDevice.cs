using Ecsta.Abstractions.Platform;

namespace Ecsta.Host.Tsp;

/// <summary>One line device: a BroadWorks user with one address. Touched only under the provider's lock.</summary>
internal sealed class LineDevice(uint deviceId, TspLineSettings settings)
{
    public uint DeviceId { get; } = deviceId;
    public TspLineSettings Settings { get; set; } = settings;
    public string UserId => Settings.UserId;

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

    /// <summary>Events for unknown call ids held while a lineMakeCall/lineDial waits for its answer (MAPPING §3.1).</summary>
    public List<CallEvent> HeldEvents { get; } = [];

    /// <summary>New incoming calls held back by the phantom window (MAPPING §4.3), by call id.</summary>
    public Dictionary<string, PhantomCall> Phantoms { get; } = new(StringComparer.Ordinal);

    public Dictionary<UserService, ServiceSetting> Services { get; } = [];
    public IReadOnlyList<LineForwardEntry> AnnouncedForward { get; set; } = [];
    public RemoteOfficeState RemoteOffice { get; set; } = new(false, null);
    /// <summary>Whether a read of the line's services is queued or under way (one at a time per line).</summary>
    public bool ServicesLoading { get; set; }

    /// <summary>Whether another read was asked for while one was under way.</summary>
    public bool ServicesReloadWanted { get; set; }

    /// <summary>Forward-list changes seen while a lineForward was in flight: one AS(FORWARD) each after its C(0) (MAPPING §3.14.5).</summary>
    public int PendingForwardAnnouncements { get; set; }
    public HookStatus Hook { get; set; }

    /// <summary>Call counts as last announced with LINEADDRESSSTATE_NUMCALLS.</summary>
    public (uint Active, uint Held, uint Pending) AnnouncedCounts { get; set; }

    public long NextSequence { get; set; }

    public TspRequest? Current => Requests.First?.Value;
}

/// <summary>A new incoming call inside its phantom window: its events wait here.</summary>
internal sealed class PhantomCall(string callId)
{
    public string CallId { get; } = callId;
    public List<CallEvent> Events { get; } = [];
    public DeadlineScheduler.Entry? Timer { get; set; }
}
