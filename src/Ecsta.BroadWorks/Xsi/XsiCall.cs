using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>
/// The XSI <c>Call</c> element (docs/broadworks.md §5): a call half as sent, in events (<c>call</c>) and as the
/// body of <c>GET calls/{callId}</c> (root <c>Call</c>). Values are kept as on the wire; times are epoch milliseconds.
/// </summary>
public sealed record XsiCall : XsiDocument
{
    /// <summary>The call half's id, e.g. <c>callhalf-722:0</c>.</summary>
    public required string CallId { get; init; }

    /// <summary>The tracking id shared by the halves of one session.</summary>
    public string? ExtTrackingId { get; init; }

    /// <summary>The network call id, if any.</summary>
    public string? NetworkCallId { get; init; }

    /// <summary><c>Originator</c>, <c>Terminator</c> or <c>Click-to-Dial</c> (see <see cref="XsiPersonalities"/>).</summary>
    public string? Personality { get; init; }

    /// <summary>The call state as sent, e.g. <c>Remote Held</c> (see <see cref="XsiCallStates"/>).</summary>
    public string? State { get; init; }

    /// <summary>Why the call is being or was released.</summary>
    public XsiReleaseCause? ReleaseCause { get; init; }

    /// <summary><c>localRelease</c> or <c>remoteRelease</c>.</summary>
    public string? ReleasingParty { get; init; }

    /// <summary>The remote party.</summary>
    public XsiPartyInformation? RemoteParty { get; init; }

    /// <summary>The <c>redirections</c> list, newest first; empty when absent.</summary>
    public ValueList<XsiRedirection> Redirections { get; init; } = ValueList<XsiRedirection>.Empty;

    /// <summary>The <c>redirect</c> element.</summary>
    public XsiRedirect? Redirect { get; init; }

    /// <summary>The endpoint the call is on.</summary>
    public XsiEndpoint? Endpoint { get; init; }

    /// <summary>The call appearance number.</summary>
    public int? Appearance { get; init; }

    /// <summary>The empty <c>allowAnswer</c> flag.</summary>
    public bool AllowAnswer { get; init; }

    /// <summary>The empty <c>allowRetrieve</c> flag.</summary>
    public bool AllowRetrieve { get; init; }

    /// <summary>The empty <c>diversionInhibited</c> flag.</summary>
    public bool DiversionInhibited { get; init; }

    /// <summary>Start time, epoch ms.</summary>
    public long? StartTime { get; init; }

    /// <summary>First answer time, epoch ms.</summary>
    public long? AnswerTime { get; init; }

    /// <summary>Time the call was held, epoch ms.</summary>
    public long? HeldTime { get; init; }

    /// <summary>Total time held, ms.</summary>
    public long? TotalHeldTime { get; init; }

    /// <summary>Time the call was detached, epoch ms.</summary>
    public long? DetachedTime { get; init; }

    /// <summary>Time the call was released, epoch ms.</summary>
    public long? ReleaseTime { get; init; }

    internal override string RootName => "Call";

    internal static XsiCall Read(XmlReader r)
    {
        string? callId = null, ext = null, network = null, personality = null, state = null, releasingParty = null;
        XsiReleaseCause? releaseCause = null;
        XsiPartyInformation? remote = null;
        var redirections = ValueList<XsiRedirection>.Empty;
        XsiRedirect? redirect = null;
        XsiEndpoint? endpoint = null;
        int? appearance = null;
        bool allowAnswer = false, allowRetrieve = false, diversionInhibited = false;
        long? start = null, answer = null, held = null, totalHeld = null, detached = null, release = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "callId": callId = XmlRead.String(r); break;
                    case "extTrackingId": ext = XmlRead.String(r); break;
                    case "networkCallId": network = XmlRead.String(r); break;
                    case "personality": personality = XmlRead.String(r); break;
                    case "state": state = XmlRead.String(r); break;
                    case "releaseCause": releaseCause = XsiReleaseCause.Read(r); break;
                    case "releasingParty": releasingParty = XmlRead.String(r); break;
                    case "remoteParty": remote = XsiPartyInformation.Read(r); break;
                    case "redirections": redirections = XmlRead.List(r, "redirection", XsiRedirection.Read); break;
                    case "redirect": redirect = XsiRedirect.Read(r); break;
                    case "endpoint": endpoint = XsiEndpoint.Read(r); break;
                    case "appearance": appearance = XmlRead.Int(r); break;
                    case "allowAnswer": allowAnswer = XmlRead.Flag(r); break;
                    case "allowRetrieve": allowRetrieve = XmlRead.Flag(r); break;
                    case "diversionInhibited": diversionInhibited = XmlRead.Flag(r); break;
                    case "startTime": start = XmlRead.Long(r); break;
                    case "answerTime": answer = XmlRead.Long(r); break;
                    case "heldTime": held = XmlRead.Long(r); break;
                    case "totalHeldTime": totalHeld = XmlRead.Long(r); break;
                    case "detachedTime": detached = XmlRead.Long(r); break;
                    case "releaseTime": release = XmlRead.Long(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiCall
        {
            CallId = callId ?? throw XmlRead.Missing("callId", "call"),
            ExtTrackingId = ext,
            NetworkCallId = network,
            Personality = personality,
            State = state,
            ReleaseCause = releaseCause,
            ReleasingParty = releasingParty,
            RemoteParty = remote,
            Redirections = redirections,
            Redirect = redirect,
            Endpoint = endpoint,
            Appearance = appearance,
            AllowAnswer = allowAnswer,
            AllowRetrieve = allowRetrieve,
            DiversionInhibited = diversionInhibited,
            StartTime = start,
            AnswerTime = answer,
            HeldTime = held,
            TotalHeldTime = totalHeld,
            DetachedTime = detached,
            ReleaseTime = release,
        };
    }

    /// <summary>Writes the element as <c>&lt;call&gt;</c> (inside events and <c>calls</c>).</summary>
    internal void Write(XmlTextBuilder w, string? prefix, string elementName = "call")
    {
        w.Start(prefix, elementName);
        WriteContent(w, prefix);
        w.End();
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "callId", CallId);
        w.Element(prefix, "extTrackingId", ExtTrackingId);
        w.Element(prefix, "networkCallId", NetworkCallId);
        w.Element(prefix, "personality", Personality);
        w.Element(prefix, "state", State);
        ReleaseCause?.Write(w, prefix);
        w.Element(prefix, "releasingParty", ReleasingParty);
        RemoteParty?.Write(w, prefix, "remoteParty");
        if (Redirections.Count > 0)
        {
            w.Start(prefix, "redirections");
            foreach (var redirection in Redirections)
            {
                redirection.Write(w, prefix);
            }

            w.End();
        }

        Redirect?.Write(w, prefix);
        Endpoint?.Write(w, prefix);
        w.Element(prefix, "appearance", Appearance);
        w.Flag(prefix, "allowAnswer", AllowAnswer);
        w.Flag(prefix, "allowRetrieve", AllowRetrieve);
        w.Flag(prefix, "diversionInhibited", DiversionInhibited);
        w.Element(prefix, "startTime", StartTime);
        w.Element(prefix, "answerTime", AnswerTime);
        w.Element(prefix, "heldTime", HeldTime);
        w.Element(prefix, "totalHeldTime", TotalHeldTime);
        w.Element(prefix, "detachedTime", DetachedTime);
        w.Element(prefix, "releaseTime", ReleaseTime);
    }
}
