namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XML namespaces of the BroadWorks wire documents.</summary>
public static class XsiNamespaces
{
    /// <summary>The XSI namespace of every request, response and event document.</summary>
    public const string Xsi = "http://schema.broadsoft.com/xsi";

    /// <summary>XML Schema instance (<c>xsi1:type</c> in events).</summary>
    public const string SchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The XspXMLInterface envelope namespace of the CTI socket.</summary>
    public const string XspXmlInterface = "http://schema.broadsoft.com/XspXMLInterface";
}
