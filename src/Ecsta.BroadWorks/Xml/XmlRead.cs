using System.Globalization;
using System.Xml;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Xml;

/// <summary>Pull-parsing helpers shared by the document readers (prefix-agnostic, unknown elements skipped).</summary>
internal static class XmlRead
{
    private static readonly XmlReaderSettings DefaultSettings = Create(XsiReaderOptions.DefaultMaxDocumentBytes, async: false);

    /// <summary>Settings every wire reader uses: no DTD, no resolver, bounded size.</summary>
    public static XmlReaderSettings Settings(int maxCharacters, bool async = false) =>
        maxCharacters == XsiReaderOptions.DefaultMaxDocumentBytes && !async ? DefaultSettings : Create(maxCharacters, async);

    private static XmlReaderSettings Create(int maxCharacters, bool async) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false, // keep whitespace inside values; NextChild skips it between elements
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 1024,
        CloseInput = false,
        Async = async,
    };

    /// <summary>
    /// Enters the element the reader is on. Returns false (and moves past it) when it is empty;
    /// otherwise the caller loops with <see cref="NextChild"/> using the returned depth.
    /// </summary>
    public static bool Enter(XmlReader reader, out int depth)
    {
        depth = reader.Depth;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return false;
        }

        reader.Read();
        return true;
    }

    /// <summary>
    /// Moves to the next child element of the element at <paramref name="parentDepth"/>. Returns false after
    /// consuming the parent's end tag.
    /// </summary>
    public static bool NextChild(XmlReader reader, int parentDepth)
    {
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.EndElement when reader.Depth == parentDepth:
                    reader.Read();
                    return false;
                case XmlNodeType.None:
                    throw new XsiFormatException("The document ended inside an element.");
                default:
                    reader.Read();
                    break;
            }
        }
    }

    /// <summary>Whether the current element is in the XSI namespace.</summary>
    public static bool IsXsi(XmlReader reader) => ReferenceEquals(reader.NamespaceURI, XsiNamespaces.Xsi) || reader.NamespaceURI == XsiNamespaces.Xsi;

    public static string String(XmlReader reader) => reader.ReadElementContentAsString();

    public static long Long(XmlReader reader)
    {
        var name = reader.LocalName;
        var text = reader.ReadElementContentAsString();
        return long.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new XsiFormatException($"<{name}> holds '{Truncate(text)}', not a number.");
    }

    public static int Int(XmlReader reader)
    {
        var name = reader.LocalName;
        var text = reader.ReadElementContentAsString();
        return int.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new XsiFormatException($"<{name}> holds '{Truncate(text)}', not a number.");
    }

    public static bool Bool(XmlReader reader)
    {
        var name = reader.LocalName;
        var text = reader.ReadElementContentAsString().Trim();
        return text switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new XsiFormatException($"<{name}> holds '{Truncate(text)}', not a boolean."),
        };
    }

    /// <summary>An empty flag element such as <c>&lt;allowAnswer/&gt;</c>: present means set.</summary>
    public static bool Flag(XmlReader reader)
    {
        reader.Skip();
        return true;
    }

    /// <summary>The local part of the <c>xsi:type</c> attribute of the current element (prefix dropped), if any.</summary>
    public static string? TypeAttribute(XmlReader reader)
    {
        var value = reader.GetAttribute("type", XsiNamespaces.SchemaInstance);
        if (value is null)
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? value : value[(colon + 1)..];
    }

    /// <summary>Reads a list of repeated child elements named <paramref name="itemName"/>.</summary>
    public static ValueList<T> List<T>(XmlReader reader, string itemName, Func<XmlReader, T> readItem)
    {
        List<T>? items = null;
        if (Enter(reader, out var depth))
        {
            while (NextChild(reader, depth))
            {
                if (IsXsi(reader) && reader.LocalName == itemName)
                {
                    (items ??= []).Add(readItem(reader));
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return ValueList<T>.Wrap(items);
    }

    public static XsiFormatException Missing(string element, string parent) =>
        new($"<{parent}> has no <{element}>.");

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
