using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>
/// CallSubscriptionEvent (the initial event of a user subscription) or CallSubscriptionResyncEvent: the user's
/// hook status and all live calls (<c>calls</c> absent for an idle user).
/// </summary>
public sealed record XsiCallSubscriptionEventData : XsiEventData
{
    /// <summary>Whether this is a CallSubscriptionResyncEvent.</summary>
    public bool IsResync { get; init; }

    /// <summary><c>On-Hook</c> or <c>Off-Hook</c>, if sent.</summary>
    public string? HookStatus { get; init; }

    /// <summary>The live calls; empty when absent.</summary>
    public ValueList<XsiCall> Calls { get; init; } = ValueList<XsiCall>.Empty;

    /// <summary>The user's conference, if one was sent.</summary>
    public XsiConference? Conference { get; init; }

    /// <inheritdoc/>
    public override string Type => IsResync ? "CallSubscriptionResyncEvent" : "CallSubscriptionEvent";

    internal static XsiCallSubscriptionEventData ReadBody(XmlReader r, bool isResync)
    {
        string? hook = null;
        var calls = ValueList<XsiCall>.Empty;
        XsiConference? conference = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "hookStatus": hook = XmlRead.String(r); break;
                    case "calls": calls = XmlRead.List(r, "call", XsiCall.Read); break;
                    case "conference": conference = XsiConference.Read(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiCallSubscriptionEventData { IsResync = isResync, HookStatus = hook, Calls = calls, Conference = conference };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "hookStatus", HookStatus);
        XsiCallRedirectedEventData.WriteCalls(w, prefix, Calls);
        if (Conference is not null)
        {
            w.Start(prefix, "conference");
            Conference.WriteContent(w, prefix);
            w.End();
        }
    }
}
