using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Xml;

/// <summary>Writing helpers shared by the documents.</summary>
internal static class XmlWrite
{
    /// <summary>The prefix events use for the XSI namespace.</summary>
    public const string EventPrefix = "xsi";

    /// <summary>The prefix events use for XML Schema instance.</summary>
    public const string SchemaInstancePrefix = "xsi1";

    /// <summary>
    /// Writes an <c>xsi1:type</c> attribute. Inside an event (prefix <c>xsi</c>, declared at the root) the value is
    /// <c>xsi:Type</c>; in a default-namespace document the schema-instance prefix is declared on the element and
    /// the value is unprefixed.
    /// </summary>
    public static void TypeAttribute(XmlTextBuilder w, string? prefix, string typeName)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            w.Attribute("xmlns", SchemaInstancePrefix, XsiNamespaces.SchemaInstance);
            w.Attribute(SchemaInstancePrefix, "type", typeName);
        }
        else
        {
            w.Attribute(SchemaInstancePrefix, "type", prefix + ":" + typeName);
        }
    }

    /// <summary>Starts a root element in the default XSI namespace.</summary>
    public static void StartRoot(XmlTextBuilder w, string name)
    {
        w.Start(null, name);
        w.Attribute(null, "xmlns", XsiNamespaces.Xsi);
    }
}
