using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Tsp.Provider;

/// <summary>The operations that go through a line's request queue.</summary>
internal enum RequestKind
{
    MakeCall,
    Dial,
    Answer,
    Drop,
    Hold,
    Unhold,
    Redirect,
    BlindTransfer,
    SetupTransfer,
    SwapHold,
    CompleteTransfer,
    CompleteConference,
    AddToConference,
    Forward,
    RemoteOffice,
    SetCallData,
    GenerateDigits,
    /// <summary>Internal: retrieve O after its consultation call ended (docs/tapi-mapping.md §3.13); no request id.</summary>
    ReturnToHeld,
}

internal enum RequestPhase
{
    Queued,
    /// <summary>A platform command is out, no answer yet.</summary>
    Sent,
    /// <summary>All commands answered 2xx; waiting for the confirming event.</summary>
    Responded,
    Done,
}

/// <summary>One queued operation on a line. Touched only under the provider's lock.</summary>
internal sealed class TspRequest(uint id, RequestKind kind, LineDevice line, LineHandle? origin)
{
    public uint Id { get; } = id;
    public RequestKind Kind { get; } = kind;
    public LineDevice Line { get; } = line;

    /// <summary>Who gets the completion (null for internal requests).</summary>
    public LineHandle? Origin { get; } = origin;

    /// <summary>The call the operation is on (O for transfers, F for conference operations).</summary>
    public TapiCall? Call { get; init; }

    /// <summary>The second call (K, Y of a swap, the consultation call).</summary>
    public TapiCall? Other { get; init; }

    /// <summary>The call whose handle this request creates (lineMakeCall, lineSetupTransfer K, conference F).</summary>
    public TapiCall? NewCall { get; init; }

    /// <summary>The destination, already formatted with the dial rules.</summary>
    public string? Address { get; init; }

    /// <summary>The platform commands, in order; the next is sent when the previous answered 2xx.</summary>
    public List<Func<IPlatformLink, CancellationToken, Task<CallStartResult?>>> Steps { get; } = [];

    /// <summary>Whether the confirming event may come (false: 2xx of the last step completes).</summary>
    public bool AwaitsEvent { get; init; } = true;

    public int StepIndex { get; set; }
    public RequestPhase Phase { get; set; }
    public DeadlineScheduler.Entry? Timer { get; set; }

    /// <summary>lineSetCallData: the data to set on completion.</summary>
    public ReadOnlyMemory<byte> CallData { get; init; }

    /// <summary>Services to set for lineForward (kept for the log).</summary>
    public IReadOnlyList<ServiceSetting> Services { get; init; } = [];

    public bool IsNewCallRequest => Kind is RequestKind.MakeCall or RequestKind.Dial;

    public override string ToString() => $"request {Id} {Kind}";
}
