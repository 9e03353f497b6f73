using Ecsta.BroadWorks.Xsi;
using Ecsta.Simulator.Auth;

namespace Ecsta.Simulator.Xsi;

/// <summary>A transport-neutral XSI request (from HTTP or tunnelled over CTI).</summary>
/// <param name="Method">HTTP method (upper case).</param>
/// <param name="Path">Path from the context on, e.g. <c>/com.broadsoft.xsi-actions/v2.0/user/u/calls</c> (URL prefix removed).</param>
/// <param name="Query">Query parameters (first value wins).</param>
/// <param name="Body">Request body bytes (may be empty).</param>
/// <param name="Principal">The authenticated client.</param>
internal sealed record SimRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, ReadOnlyMemory<byte> Body, SimPrincipal Principal)
{
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The answer to a <see cref="SimRequest"/>.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">Document, or null for no body.</param>
/// <param name="Location">Location header (calls/new).</param>
/// <param name="RawBody">A document the wire model has no type for (written by <see cref="LocalDocuments"/>).</param>
internal sealed record SimResponse(int StatusCode, XsiDocument? Body = null, string? Location = null, string? RawBody = null)
{
    public byte[]? BodyBytes => Body is not null ? XsiWriter.ToBytes(Body) : RawBody is not null ? System.Text.Encoding.UTF8.GetBytes(RawBody) : null;

    public static SimResponse Ok(XsiDocument? body = null) => new(200, body);

    public static SimResponse Error(int status, string summary, int? errorCode = null) =>
        new(status, new XsiErrorInfo(summary, summary, errorCode));
}
