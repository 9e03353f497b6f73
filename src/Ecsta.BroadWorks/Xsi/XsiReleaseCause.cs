using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>XSI <c>releaseCause</c>.</summary>
/// <param name="InternalReleaseCause">For example <c>Busy</c>, <c>Global Failure</c>, <c>Request Timeout</c>.</param>
/// <param name="CdrTerminationCause">The CDR termination cause code, if any.</param>
public sealed record XsiReleaseCause(string? InternalReleaseCause, string? CdrTerminationCause = null)
{
    internal static XsiReleaseCause Read(XmlReader r)
    {
        string? internalCause = null, cdr = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (XmlRead.IsXsi(r) && r.LocalName == "internalReleaseCause")
                {
                    internalCause = XmlRead.String(r);
                }
                else if (XmlRead.IsXsi(r) && r.LocalName == "cdrTerminationCause")
                {
                    cdr = XmlRead.String(r);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return new XsiReleaseCause(internalCause, cdr);
    }

    internal void Write(XmlTextBuilder w, string? prefix)
    {
        w.Start(prefix, "releaseCause");
        w.Element(prefix, "internalReleaseCause", InternalReleaseCause);
        w.Element(prefix, "cdrTerminationCause", CdrTerminationCause);
        w.End();
    }
}
