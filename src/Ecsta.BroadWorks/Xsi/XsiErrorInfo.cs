using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI <c>ErrorInfo</c> body of an error response.</summary>
/// <param name="Summary">The localized summary.</param>
/// <param name="SummaryEnglish">The English summary (what clients show).</param>
/// <param name="ErrorCode">The BroadWorks error code, if any (e.g. 8251).</param>
public sealed record XsiErrorInfo(string? Summary, string? SummaryEnglish, int? ErrorCode = null) : XsiDocument
{
    internal override string RootName => "ErrorInfo";

    internal static XsiErrorInfo Read(XmlReader r)
    {
        string? summary = null, english = null;
        int? code = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "summary": summary = XmlRead.String(r); break;
                    case "summaryEnglish": english = XmlRead.String(r); break;
                    case "errorCode": code = XmlRead.Int(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiErrorInfo(summary, english, code);
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "summary", Summary);
        w.Element(prefix, "summaryEnglish", SummaryEnglish);
        w.Element(prefix, "errorCode", ErrorCode);
    }
}
