using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>
/// The XSI <c>Conference</c>: the body of <c>POST calls/Conference</c> (participants only), the answer of
/// <c>GET calls/Conference</c>, and the <c>conference</c> element of Conference*Event.
/// </summary>
public sealed record XsiConference : XsiDocument
{
    /// <summary><c>Active</c>, <c>Held</c> or <c>Released</c>.</summary>
    public string? State { get; init; }

    /// <summary>The conference's endpoint, if reported.</summary>
    public XsiEndpoint? Endpoint { get; init; }

    /// <summary>The call appearance, if reported.</summary>
    public int? Appearance { get; init; }

    /// <summary>The conference type (e.g. <c>Barge-In</c>), if reported.</summary>
    public string? ConferenceType { get; init; }

    /// <summary>The participants' call ids (<c>conferenceParticipantList/conferenceParticipant/callId</c>); empty when absent.</summary>
    public ValueList<string> ParticipantCallIds { get; init; } = ValueList<string>.Empty;

    internal override string RootName => "Conference";

    internal static XsiConference Read(XmlReader r)
    {
        string? state = null, type = null;
        XsiEndpoint? endpoint = null;
        int? appearance = null;
        var participants = ValueList<string>.Empty;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "state": state = XmlRead.String(r); break;
                    case "endpoint": endpoint = XsiEndpoint.Read(r); break;
                    case "appearance": appearance = XmlRead.Int(r); break;
                    case "conferenceType": type = XmlRead.String(r); break;
                    case "conferenceParticipantList":
                        participants = XmlRead.List(r, "conferenceParticipant", ReadParticipant);
                        break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiConference
        {
            State = state,
            Endpoint = endpoint,
            Appearance = appearance,
            ConferenceType = type,
            ParticipantCallIds = participants,
        };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "state", State);
        Endpoint?.Write(w, prefix);
        w.Element(prefix, "appearance", Appearance);
        w.Element(prefix, "conferenceType", ConferenceType);
        if (ParticipantCallIds.Count > 0)
        {
            w.Start(prefix, "conferenceParticipantList");
            foreach (var callId in ParticipantCallIds)
            {
                w.Start(prefix, "conferenceParticipant");
                w.Element(prefix, "callId", callId);
                w.End();
            }

            w.End();
        }
    }

    private static string ReadParticipant(XmlReader r)
    {
        string? callId = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (XmlRead.IsXsi(r) && r.LocalName == "callId")
                {
                    callId = XmlRead.String(r);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return callId ?? throw XmlRead.Missing("callId", "conferenceParticipant");
    }
}
