using System.Xml;
using Ecsta.BroadWorks.Xml;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.BroadWorks.Cti;

/// <summary>
/// Reads XspXMLInterface messages with the same safety as <see cref="XsiReader"/> (encoding from the declaration,
/// no DTD, bounded size), prefix-agnostic; local elements are accepted unqualified or in the envelope namespace.
/// </summary>
public static class XspReader
{
    /// <summary>Reads one message.</summary>
    /// <param name="document">The encoded document (one framed document).</param>
    /// <param name="options">Limits.</param>
    /// <returns>The message.</returns>
    /// <exception cref="XsiFormatException">Malformed, too large, or not an XspXMLInterface message.</exception>
    public static XspMessage Read(ReadOnlyMemory<byte> document, XsiReaderOptions? options = null) =>
        XsiReader.ReadBytes(document, options, ReadRoot);

    private static bool IsEnvelope(XmlReader r) => r.NamespaceURI.Length == 0 || r.NamespaceURI == XsiNamespaces.XspXmlInterface;

    private static XspMessage ReadRoot(XmlReader r)
    {
        if (r.NamespaceURI != XsiNamespaces.XspXmlInterface)
        {
            throw new XsiFormatException($"<{r.LocalName}> in namespace '{r.NamespaceURI}' is not an XspXMLInterface message.");
        }

        var version = r.GetAttribute("version");
        return r.LocalName switch
        {
            "request" => ReadRequest(r, version ?? XspRequest.DefaultVersion),
            "response" => ReadResponse(r, version ?? XspResponse.DefaultVersion),
            "event" => ReadEvent(r, version ?? XspResponse.DefaultVersion),
            "eventResponse" => ReadEventResponse(r, version ?? XspResponse.DefaultVersion),
            var name => throw new XsiFormatException($"<{name}> is not an XspXMLInterface message."),
        };
    }

    private static XspRequest ReadRequest(XmlReader r, string version)
    {
        string? requestId = null, sessionId = null, credentials = null, authorization = null;
        XspCommand? command = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (IsEnvelope(r) ? r.LocalName : string.Empty)
                {
                    case "requestId": requestId = XmlRead.String(r); break;
                    case "sessionId": sessionId = XmlRead.String(r); break;
                    case "credentials": credentials = XmlRead.String(r); break;
                    case "ssoCredentials": credentials ??= XmlRead.String(r); break;
                    case "authorization": authorization = XmlRead.String(r); break;
                    case "payload": command = ReadRequestPayload(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XspRequest
        {
            Version = version,
            RequestId = requestId ?? throw XmlRead.Missing("requestId", "request"),
            SessionId = sessionId,
            Credentials = credentials,
            Authorization = authorization,
            Command = command,
        };
    }

    /// <summary>Reads a request payload; null for a keepalive.</summary>
    private static XspCommand? ReadRequestPayload(XmlReader r)
    {
        var type = XmlRead.TypeAttribute(r);
        string? uri = null, method = null, protocolVersion = null;
        var parameters = ValueList<XspParam>.Empty;
        XsiDocument? document = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (IsEnvelope(r) ? r.LocalName : string.Empty)
                {
                    case "uri": uri = XmlRead.String(r); break;
                    case "method": method = XmlRead.String(r); break;
                    case "version": protocolVersion = XmlRead.String(r); break;
                    case "params": parameters = ReadParams(r); break;
                    case "payload": document = ReadDocumentPayload(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        if (type == "Keepalive" || (type is null && uri is null))
        {
            return null;
        }

        return new XspCommand(uri ?? throw XmlRead.Missing("uri", "payload"), method ?? throw XmlRead.Missing("method", "payload"), protocolVersion)
        {
            Params = parameters,
            Document = document,
        };
    }

    private static ValueList<XspParam> ReadParams(XmlReader r)
    {
        List<XspParam>? list = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (IsEnvelope(r) && r.LocalName == "param")
                {
                    string? name = null, value = null;
                    if (XmlRead.Enter(r, out var paramDepth))
                    {
                        while (XmlRead.NextChild(r, paramDepth))
                        {
                            switch (IsEnvelope(r) ? r.LocalName : string.Empty)
                            {
                                case "name": name = XmlRead.String(r); break;
                                case "value": value = XmlRead.String(r); break;
                                default: r.Skip(); break;
                            }
                        }
                    }

                    (list ??= []).Add(new XspParam(name ?? throw XmlRead.Missing("name", "param"), value ?? string.Empty));
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return list is null ? ValueList<XspParam>.Empty : new ValueList<XspParam>(list);
    }

    /// <summary>Reads a payload holding one XSI document (null when empty).</summary>
    private static XsiDocument? ReadDocumentPayload(XmlReader r)
    {
        XsiDocument? document = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (document is null && XmlRead.IsXsi(r))
                {
                    document = XsiReader.ReadElement(r);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return document;
    }

    private static XspResponse ReadResponse(XmlReader r, string version)
    {
        string? requestId = null, sessionId = null, reason = null;
        int? status = null;
        XsiDocument? document = null;
        var keepalive = false;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (IsEnvelope(r) ? r.LocalName : string.Empty)
                {
                    case "requestId": requestId = XmlRead.String(r); break;
                    case "sessionId": sessionId = XmlRead.String(r); break;
                    case "statusCode": status = XmlRead.Int(r); break;
                    case "reason": reason = XmlRead.String(r); break;
                    case "payload":
                        keepalive = XmlRead.TypeAttribute(r) == "KeepaliveResponse";
                        document = ReadDocumentPayload(r);
                        break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XspResponse
        {
            Version = version,
            RequestId = requestId ?? throw XmlRead.Missing("requestId", "response"),
            SessionId = sessionId,
            StatusCode = status ?? throw XmlRead.Missing("statusCode", "response"),
            Reason = reason,
            Document = document,
            IsKeepalive = keepalive,
        };
    }

    private static XspEvent ReadEvent(XmlReader r, string version)
    {
        var (requestId, document) = ReadRequestIdAndPayload(r);
        return document is XsiEvent e
            ? new XspEvent(e, requestId) { Version = version }
            : throw new XsiFormatException("An XspXMLInterface event does not carry an xsi:Event.");
    }

    private static XspEventResponse ReadEventResponse(XmlReader r, string version)
    {
        var (requestId, document) = ReadRequestIdAndPayload(r);
        return document is XsiEventResponse ack
            ? new XspEventResponse(ack, requestId) { Version = version }
            : throw new XsiFormatException("An XspXMLInterface eventResponse does not carry an EventResponse.");
    }

    /// <summary>The body of an event or an event response: its optional requestId and its payload document.</summary>
    private static (string? RequestId, XsiDocument? Document) ReadRequestIdAndPayload(XmlReader r)
    {
        string? requestId = null;
        XsiDocument? document = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (IsEnvelope(r) ? r.LocalName : string.Empty)
                {
                    case "requestId": requestId = XmlRead.String(r); break;
                    case "payload": document = ReadDocumentPayload(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return (requestId, document);
    }
}
