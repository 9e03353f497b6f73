using System.Text;
using Ecsta.BroadWorks.Xml;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Cti;

/// <summary>
/// Writes XspXMLInterface messages: root <c>xsp:request|response|event|eventResponse</c> with a <c>version</c>
/// attribute, unqualified local elements, <c>xsp:payload</c> around the XSI document (which keeps its own namespace
/// declarations). UTF-8, starting with the XML declaration, so that the documents can be framed back to back.
/// </summary>
/// <example>
/// <code>
/// var request = new XspRequest
/// {
///     RequestId = "1",
///     SessionId = session,
///     Credentials = XspCredentials.Encode(user, password),
///     Command = new XspCommand("/com.broadsoft.xsi-events/v2.0/user/" + user, "POST", "21.0") { Document = subscription },
/// };
/// await framer.WriteDocumentAsync(XspWriter.ToBytes(request), ct);
/// </code>
/// </example>
public static class XspWriter
{
    private const string Prefix = "xsp";
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the message as UTF-8 bytes.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The document's bytes.</returns>
    public static byte[] ToBytes(XspMessage message) => Utf8.GetBytes(ToXml(message));

    /// <summary>Writes the message as text.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The document text, with the XML declaration.</returns>
    public static string ToXml(XspMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var w = new XmlTextBuilder();
        w.Declaration("UTF-8", newLine: false);
        switch (message)
        {
            case XspRequest request: WriteRequest(w, request); break;
            case XspResponse response: WriteResponse(w, response); break;
            case XspEvent e: WriteEvent(w, e); break;
            case XspEventResponse ack: WriteEventResponse(w, ack); break;
            default: throw new ArgumentException($"Unknown message type {message.GetType().Name}.", nameof(message));
        }

        return w.ToString();
    }

    private static void StartRoot(XmlTextBuilder w, string name, XspMessage message)
    {
        w.Start(Prefix, name);
        w.Attribute(null, "version", message.Version);
        w.Attribute("xmlns", Prefix, XsiNamespaces.XspXmlInterface);
    }

    private static void WriteRequest(XmlTextBuilder w, XspRequest request)
    {
        StartRoot(w, "request", request);
        w.Element(null, "requestId", request.RequestId);
        w.Element(null, "sessionId", request.SessionId);
        w.Element(null, "credentials", request.Credentials);
        w.Element(null, "authorization", request.Authorization);
        w.Start(Prefix, "payload");
        if (request.Command is not { } command)
        {
            TypeAttribute(w, "Keepalive");
        }
        else
        {
            TypeAttribute(w, "RequestPayload");
            w.Element(null, "uri", command.Uri);
            w.Element(null, "method", command.Method);
            w.Element(null, "version", command.ProtocolVersion);
            if (command.Params.Count > 0)
            {
                w.Start(null, "params");
                foreach (var param in command.Params)
                {
                    w.Start(null, "param");
                    w.Element(null, "name", param.Name);
                    w.Element(null, "value", param.Value);
                    w.End();
                }

                w.End();
            }

            if (command.Document is not null)
            {
                w.Start(Prefix, "payload");
                XsiWriter.WriteElement(command.Document, w);
                w.End();
            }
        }

        w.End();
        w.End();
    }

    private static void WriteResponse(XmlTextBuilder w, XspResponse response)
    {
        StartRoot(w, "response", response);
        w.Element(null, "requestId", response.RequestId);
        w.Element(null, "sessionId", response.SessionId);
        w.Element(null, "statusCode", response.StatusCode);
        w.Element(null, "reason", response.Reason);
        if (response.IsKeepalive)
        {
            w.Start(Prefix, "payload");
            TypeAttribute(w, "KeepaliveResponse");
            w.End();
        }
        else if (response.Document is not null)
        {
            w.Start(Prefix, "payload");
            XsiWriter.WriteElement(response.Document, w);
            w.End();
        }

        w.End();
    }

    private static void WriteEvent(XmlTextBuilder w, XspEvent e)
    {
        StartRoot(w, "event", e);
        w.Element(null, "requestId", e.RequestId);
        w.Start(Prefix, "payload");
        XsiWriter.WriteElement(e.Event, w);
        w.End();
        w.End();
    }

    private static void WriteEventResponse(XmlTextBuilder w, XspEventResponse ack)
    {
        StartRoot(w, "eventResponse", ack);
        w.Element(null, "requestId", ack.RequestId);
        w.Start(Prefix, "payload");
        XsiWriter.WriteElement(ack.Response, w);
        w.End();
        w.End();
    }

    private static void TypeAttribute(XmlTextBuilder w, string type)
    {
        w.Attribute("xmlns", XmlWrite.SchemaInstancePrefix, XsiNamespaces.SchemaInstance);
        w.Attribute(XmlWrite.SchemaInstancePrefix, "type", Prefix + ":" + type);
    }
}
