using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Framing;

/// <summary>
/// Finds where one XML document ends in a byte stream without parsing it: tracks tags, comments, CDATA, processing
/// instructions, declarations and quoted attribute values, and reports the byte after the root element's end.
/// Resumable byte by byte, so a document may straddle any number of chunks. Works for ASCII-compatible encodings
/// (UTF-8, ISO-8859-1), which is what BroadWorks sends.
/// </summary>
internal sealed class XmlDocumentBoundaryScanner
{
    private State _state = State.BetweenDocuments;
    private int _depth;
    private int _declarationBrackets;

    private enum State
    {
        BetweenDocuments,
        Text,
        TagOpen,
        StartTag,
        StartTagSlash,
        DoubleQuoted,
        SingleQuoted,
        EndTag,
        Instruction,
        InstructionQuestion,
        Bang,
        BangDash,
        CDataOpen,
        CData,
        CDataBracket,
        CDataBrackets,
        Comment,
        CommentDash,
        CommentDashes,
        Declaration,
    }

    /// <summary>Whether the scanner is inside a document (some of it has been seen, the end not yet).</summary>
    public bool InDocument => _state != State.BetweenDocuments;

    /// <summary>
    /// Scans <paramref name="data"/> until a document ends or the data is exhausted.
    /// </summary>
    /// <param name="data">The next bytes of the stream.</param>
    /// <param name="skipped">Bytes at the start that lie between documents (whitespace, a BOM) and belong to none.</param>
    /// <param name="completed">Whether a document ended; it ends just before the returned count.</param>
    /// <returns>How many bytes of <paramref name="data"/> were consumed.</returns>
    /// <exception cref="XsiFormatException">Bytes between documents that cannot start one, or an unbalanced end tag.</exception>
    public int Scan(ReadOnlySpan<byte> data, out int skipped, out bool completed)
    {
        skipped = 0;
        completed = false;
        var i = 0;
        while (i < data.Length)
        {
            var b = data[i];
            switch (_state)
            {
                case State.BetweenDocuments:
                    if (b == (byte)'<')
                    {
                        _state = State.TagOpen;
                        _depth = 0;
                    }
                    else if (b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0xEF or 0xBB or 0xBF)
                    {
                        skipped = i + 1;
                    }
                    else
                    {
                        throw new XsiFormatException($"Byte 0x{b:X2} between documents cannot start an XML document.");
                    }

                    break;

                case State.Text:
                    var next = data[i..].IndexOf((byte)'<');
                    if (next < 0)
                    {
                        return data.Length;
                    }

                    i += next;
                    _state = State.TagOpen;
                    break;

                case State.TagOpen:
                    _state = b switch
                    {
                        (byte)'?' => State.Instruction,
                        (byte)'!' => State.Bang,
                        (byte)'/' => State.EndTag,
                        _ => State.StartTag,
                    };
                    break;

                case State.StartTag:
                    switch (b)
                    {
                        case (byte)'"': _state = State.DoubleQuoted; break;
                        case (byte)'\'': _state = State.SingleQuoted; break;
                        case (byte)'/': _state = State.StartTagSlash; break;
                        case (byte)'>':
                            _depth++;
                            _state = State.Text;
                            break;
                    }

                    break;

                case State.StartTagSlash:
                    if (b == (byte)'>')
                    {
                        if (_depth == 0)
                        {
                            return Complete(i, out completed);
                        }

                        _state = State.Text;
                        break;
                    }

                    _state = State.StartTag;
                    continue; // let StartTag look at this byte

                case State.DoubleQuoted:
                    if (b == (byte)'"')
                    {
                        _state = State.StartTag;
                    }

                    break;

                case State.SingleQuoted:
                    if (b == (byte)'\'')
                    {
                        _state = State.StartTag;
                    }

                    break;

                case State.EndTag:
                    if (b == (byte)'>')
                    {
                        _depth--;
                        if (_depth == 0)
                        {
                            return Complete(i, out completed);
                        }

                        if (_depth < 0)
                        {
                            throw new XsiFormatException("An end tag has no matching start tag.");
                        }

                        _state = State.Text;
                    }

                    break;

                case State.Instruction:
                    if (b == (byte)'?')
                    {
                        _state = State.InstructionQuestion;
                    }

                    break;

                case State.InstructionQuestion:
                    _state = b switch
                    {
                        (byte)'>' => State.Text,
                        (byte)'?' => State.InstructionQuestion,
                        _ => State.Instruction,
                    };
                    break;

                case State.Bang:
                    _state = b switch
                    {
                        (byte)'-' => State.BangDash,
                        (byte)'[' => State.CDataOpen,
                        _ => State.Declaration,
                    };
                    _declarationBrackets = 0;
                    break;

                case State.BangDash:
                    _state = b == (byte)'-' ? State.Comment : State.Declaration;
                    break;

                case State.CDataOpen:
                    if (b == (byte)'[')
                    {
                        _state = State.CData;
                    }

                    break;

                case State.CData:
                    if (b == (byte)']')
                    {
                        _state = State.CDataBracket;
                    }

                    break;

                case State.CDataBracket:
                    _state = b == (byte)']' ? State.CDataBrackets : State.CData;
                    break;

                case State.CDataBrackets:
                    _state = b switch
                    {
                        (byte)'>' => State.Text,
                        (byte)']' => State.CDataBrackets,
                        _ => State.CData,
                    };
                    break;

                case State.Comment:
                    if (b == (byte)'-')
                    {
                        _state = State.CommentDash;
                    }

                    break;

                case State.CommentDash:
                    _state = b == (byte)'-' ? State.CommentDashes : State.Comment;
                    break;

                case State.CommentDashes:
                    _state = b switch
                    {
                        (byte)'>' => State.Text,
                        (byte)'-' => State.CommentDashes,
                        _ => State.Comment,
                    };
                    break;

                case State.Declaration:
                    if (b == (byte)'[')
                    {
                        _declarationBrackets++;
                    }
                    else if (b == (byte)']')
                    {
                        _declarationBrackets--;
                    }
                    else if (b == (byte)'>' && _declarationBrackets <= 0)
                    {
                        _state = State.Text;
                    }

                    break;
            }

            i++;
        }

        return data.Length;
    }

    private int Complete(int index, out bool completed)
    {
        _state = State.BetweenDocuments;
        _depth = 0;
        completed = true;
        return index + 1;
    }
}
