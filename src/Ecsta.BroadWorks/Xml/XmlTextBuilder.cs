using System.Text;

namespace Ecsta.BroadWorks.Xml;

/// <summary>
/// A minimal XML writer with exact control of the bytes: <c>&lt;a/&gt;</c> for empty elements (no space),
/// the declaration spelled as BroadWorks spells it, prefixes exactly as given. The .NET XmlWriter cannot
/// produce those shapes, and the simulator must emit what a real XSP emits.
/// </summary>
internal sealed class XmlTextBuilder
{
    private readonly StringBuilder _text;
    private readonly Stack<string> _open = new();
    private readonly int _maxDirectChar;
    private bool _tagPending;

    /// <param name="text">Where to write.</param>
    /// <param name="maxDirectChar">The highest character the target encoding holds; higher ones become character references.</param>
    public XmlTextBuilder(StringBuilder? text = null, int maxDirectChar = char.MaxValue)
    {
        _text = text ?? new StringBuilder(512);
        _maxDirectChar = maxDirectChar;
    }

    public StringBuilder Text => _text;

    public void Declaration(string encodingName, bool newLine)
    {
        _text.Append("<?xml version=\"1.0\" encoding=\"").Append(encodingName).Append("\"?>");
        if (newLine)
        {
            _text.Append('\n');
        }
    }

    public void Start(string? prefix, string name)
    {
        ClosePendingTag();
        var qualified = string.IsNullOrEmpty(prefix) ? name : prefix + ":" + name;
        _text.Append('<').Append(qualified);
        _open.Push(qualified);
        _tagPending = true;
    }

    public void Attribute(string? prefix, string name, string value)
    {
        if (!_tagPending)
        {
            throw new InvalidOperationException("An attribute must follow a start tag.");
        }

        _text.Append(' ');
        if (!string.IsNullOrEmpty(prefix))
        {
            _text.Append(prefix).Append(':');
        }

        _text.Append(name).Append("=\"");
        Escape(value, attribute: true);
        _text.Append('"');
    }

    public void Value(string value)
    {
        ClosePendingTag();
        Escape(value, attribute: false);
    }

    public void End()
    {
        var qualified = _open.Pop();
        if (_tagPending)
        {
            _text.Append("/>");
            _tagPending = false;
        }
        else
        {
            _text.Append("</").Append(qualified).Append('>');
        }
    }

    /// <summary>Writes <c>&lt;name&gt;value&lt;/name&gt;</c>, nothing when <paramref name="value"/> is null.</summary>
    public void Element(string? prefix, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        Start(prefix, name);
        if (value.Length > 0)
        {
            Value(value);
        }

        End();
    }

    public void Element(string? prefix, string name, long? value)
    {
        if (value is { } v)
        {
            Element(prefix, name, v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void Element(string? prefix, string name, bool? value)
    {
        if (value is { } v)
        {
            Element(prefix, name, v ? "true" : "false");
        }
    }

    /// <summary>Writes the empty flag element <c>&lt;name/&gt;</c> when <paramref name="set"/> is true.</summary>
    public void Flag(string? prefix, string name, bool set)
    {
        if (set)
        {
            Start(prefix, name);
            End();
        }
    }

    /// <summary>Writes already well-formed XML text as it is.</summary>
    public void Raw(string xml)
    {
        ClosePendingTag();
        _text.Append(xml);
    }

    public override string ToString() => _text.ToString();

    private void ClosePendingTag()
    {
        if (_tagPending)
        {
            _text.Append('>');
            _tagPending = false;
        }
    }

    private void Escape(string value, bool attribute)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var at = i;
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when attribute => "&quot;",
                '\n' when attribute => "&#xA;",
                '\r' => "&#xD;",
                '\t' when attribute => "&#x9;",
                _ when c < 0x20 && c != '\n' && c != '\t' =>
                    throw new ArgumentException($"Character U+{(int)c:X4} cannot be written to an XML document.", nameof(value)),
                _ when c > _maxDirectChar => CharacterReference(value, ref i),
                _ => null,
            };
            if (replacement is not null)
            {
                _text.Append(value, start, at - start).Append(replacement);
                start = i + 1;
            }
        }

        _text.Append(value, start, value.Length - start);
    }

    private static string CharacterReference(string value, ref int i)
    {
        if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
        {
            var codePoint = char.ConvertToUtf32(value[i], value[i + 1]);
            i++;
            return $"&#x{codePoint:X};";
        }

        return $"&#x{(int)value[i]:X};";
    }
}
