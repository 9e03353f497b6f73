using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI <c>HookStatus</c> document answering <c>GET calls/HookStatus</c>.</summary>
/// <param name="HookStatus"><c>On-Hook</c> or <c>Off-Hook</c>.</param>
public sealed record XsiHookStatus(string HookStatus) : XsiDocument
{
    /// <summary><c>On-Hook</c>.</summary>
    public const string OnHook = "On-Hook";

    /// <summary><c>Off-Hook</c>.</summary>
    public const string OffHook = "Off-Hook";

    internal override string RootName => "HookStatus";

    internal static XsiHookStatus Read(XmlReader r)
    {
        string? status = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (XmlRead.IsXsi(r) && r.LocalName == "hookStatus")
                {
                    status = XmlRead.String(r);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return new XsiHookStatus(status ?? throw XmlRead.Missing("hookStatus", "HookStatus"));
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix) => w.Element(prefix, "hookStatus", HookStatus);
}
