using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Net;
using Ecsta.BroadWorks.Xsi;
using Serilog;

namespace Ecsta.BroadWorks.Link.Http;

/// <summary>
/// Sends XSI requests with Basic authentication to a chosen XSP, writes every document to the protocol trace
/// (Authorization masked), applies the request timeout and maps failures to <see cref="PlatformException"/>.
/// </summary>
public sealed class XsiRequester : IDisposable
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;
    private const int MaxTraceChars = 16 * 1024;
    private readonly HttpClient _http;
    private readonly PlatformLinkOptions _options;
    private readonly ServerCertificateValidator _validator;
    private readonly ILogger _trace;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly string _prefix;
    private readonly bool _secure;
    private readonly bool _closeAfterEachRequest;

    public XsiRequester(HttpClient http, PlatformLinkOptions options, ServerCertificateValidator validator, ILogger trace)
    {
        _http = http;
        _options = options;
        _validator = validator;
        _trace = trace;
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.UserId + ":" + options.Password)));
        var prefix = options.UrlPrefix.Trim().Trim('/');
        _prefix = prefix.Length == 0 ? "/" : "/" + prefix + "/";
        _secure = ConnectionTypes.IsSecure(options.ConnectionType);

        // A plain-HTTP proxy may serve only one request per client connection (tinyproxy does, and strips the upstream's
        // "Connection: close" from the answer). Through such a proxy each request says so and gets its own connection
        // (the handler pools none, see XsiHttpClientFactory). HTTPS goes through a CONNECT tunnel, which stays open.
        _closeAfterEachRequest = options.Proxy is not null && !_secure;
    }

    /// <summary>Raised when the server answered 401 (the password is no longer valid).</summary>
    public event Action<PlatformException>? Unauthorized;

    public Uri UriFor(ServiceTarget target, string pathAndQuery)
    {
        var host = IPAddress.TryParse(target.Host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + target.Host + "]" : target.Host;
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{(_secure ? "https" : "http")}://{host}:{target.Port}{_prefix}{pathAndQuery}"));
    }

    /// <summary>Sends a request and returns its 2xx answer; anything else throws <see cref="PlatformException"/>.</summary>
    public async Task<XsiResponse> SendAsync(XsiRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var message = CreateMessage(request);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
            TraceResponse(request, (int)response.StatusCode, body);
            return Check(request, (int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PlatformException(PlatformErrorKind.Timeout, $"{request.Target.Host}:{request.Target.Port} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            throw ConnectionFailure(request.Target, ex);
        }
        catch (IOException ex)
        {
            throw ConnectionFailure(request.Target, ex);
        }
    }

    /// <summary>Posts the streaming channel add and returns the open response (status checked) for reading.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(XsiRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var message = CreateMessage(request);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PlatformException(PlatformErrorKind.Timeout, $"{request.Target.Host}:{request.Target.Port} did not open the event channel within {_options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            throw ConnectionFailure(request.Target, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            _trace.Information("<- {Status} {Uri} (event stream open)", (int)response.StatusCode, message.RequestUri);
            return response;
        }

        using (response)
        {
            // The error body is read within the same request timeout: an XSP (or something posing as one) that sends
            // the headers and then trickles or stalls its body must not hold the link here forever.
            byte[] body;
            try
            {
                body = await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PlatformException(PlatformErrorKind.Timeout, $"{request.Target.Host}:{request.Target.Port} refused the event channel (HTTP {(int)response.StatusCode}) and did not finish its answer within {_options.RequestTimeout.TotalSeconds:0.#} s.");
            }

            TraceResponse(request, (int)response.StatusCode, body);
            Check(request, (int)response.StatusCode, body);
            throw new PlatformException($"The event channel could not be opened (HTTP {(int)response.StatusCode}).");
        }
    }

    /// <summary>
    /// A request that did not get through: a refused TLS certificate says which and why (the validator's words: the
    /// handshake exception only says a callback refused it); a name without an address says so in the resolver's words
    /// (the name and the name servers asked); anything else names its innermost cause.
    /// </summary>
    private PlatformException ConnectionFailure(ServiceTarget target, Exception ex)
    {
        var where = $"{target.Host}:{target.Port}";
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is PlatformException unresolved)
            {
                return new PlatformException(unresolved.Kind, unresolved.Message, null, ex);
            }
        }

        if (ex.GetBaseException() is AuthenticationException && _validator.LastRefusal is { } refusal)
        {
            return new PlatformException(PlatformErrorKind.LinkDown, $"The TLS certificate of {where} was refused: {refusal}", null, ex);
        }

        return new PlatformException(PlatformErrorKind.LinkDown, $"Cannot reach {where}: {Describe(ex)}", null, ex);
    }

    /// <summary>The exception's message with its innermost cause ("An error occurred while sending the request" alone says nothing).</summary>
    private static string Describe(Exception ex)
    {
        var cause = ex.GetBaseException();
        return ReferenceEquals(cause, ex) || cause.Message == ex.Message ? ex.Message : $"{ex.Message} ({cause.Message})";
    }

    public void TraceReceived(ServiceTarget target, byte[] document) =>
        _trace.Information("<- stream {Host}:{Port} {Body}", target.Host, target.Port, Text(document));

    private HttpRequestMessage CreateMessage(XsiRequest request)
    {
        var message = new HttpRequestMessage(request.Method, UriFor(request.Target, request.PathAndQuery));
        message.Headers.Authorization = _authorization;
        if (_closeAfterEachRequest)
        {
            message.Headers.ConnectionClose = true;
        }

        byte[]? body = null;
        if (request.Body is not null)
        {
            body = XsiWriter.ToBytes(request.Body);
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "UTF-8" };
        }

        // The Authorization header is never traced: only that it was sent.
        _trace.Information("-> {Method} {Uri} Authorization: Basic ******** {Body}", request.Method.Method, message.RequestUri, body is null ? string.Empty : Text(body));
        return message;
    }

    private XsiResponse Check(XsiRequest request, int status, byte[] body)
    {
        if (status is >= 200 and < 300)
        {
            return new XsiResponse(status, body);
        }

        var error = XsiErrors.FromResponse(status, body, request.ConcernsAddress);
        if (error.Kind == PlatformErrorKind.Unauthorized)
        {
            Unauthorized?.Invoke(error);
        }

        throw error;
    }

    private void TraceResponse(XsiRequest request, int status, byte[] body) =>
        _trace.Information("<- {Status} {Method} {Path} {Body}", status, request.Method.Method, request.PathAndQuery, Text(body));

    private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            throw new PlatformException($"The answer has {content.Headers.ContentLength} bytes, more than the limit of {MaxBodyBytes}.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new PlatformException($"The answer is larger than the limit of {MaxBodyBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static string Text(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxTraceChars));
        return body.Length > MaxTraceChars ? text + "…" : text;
    }

    public void Dispose() => _http.Dispose();
}
