using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Cti;

/// <summary>An XspXMLInterface <c>response</c> to a request (HTTP-like status, optional XSI document).</summary>
public sealed record XspResponse() : XspMessage(DefaultVersion)
{
    /// <summary>The default <c>version</c> attribute of responses, events and event responses.</summary>
    public const string DefaultVersion = "17.0";

    /// <summary>The request's id.</summary>
    public required string RequestId { get; init; }

    /// <summary>The session id.</summary>
    public string? SessionId { get; init; }

    /// <summary>HTTP-like status code (200, 401, 403, …).</summary>
    public required int StatusCode { get; init; }

    /// <summary>The reason phrase, e.g. <c>OK</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>The response document (e.g. <see cref="XsiSubscription"/>, <see cref="XsiErrorInfo"/>), if any.</summary>
    public XsiDocument? Document { get; init; }

    /// <summary>Whether this answers a keepalive (payload of type <c>KeepaliveResponse</c>).</summary>
    public bool IsKeepalive { get; init; }
}
