using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Link.Http;

/// <summary>One Xsi-Actions or Xsi-Events request.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Target">The XSP to send it to.</param>
/// <param name="PathAndQuery">Path after the URL prefix, with the query string if any.</param>
/// <param name="Body">The document to send, if any.</param>
/// <param name="ConcernsAddress">Whether a 400 means the address was invalid (dial, transfer, forwarding number).</param>
public sealed record XsiRequest(HttpMethod Method, ServiceTarget Target, string PathAndQuery, XsiDocument? Body = null, bool ConcernsAddress = false);

/// <summary>A successful answer.</summary>
/// <param name="StatusCode">The 2xx status.</param>
/// <param name="Body">The body bytes (empty when none).</param>
public sealed record XsiResponse(int StatusCode, byte[] Body)
{
    public T Read<T>()
        where T : XsiDocument => XsiReader.Read<T>(Body);
}
