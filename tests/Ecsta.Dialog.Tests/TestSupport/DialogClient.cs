using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Ecsta.Dialog.Tests.TestSupport;

/// <summary>An HTTP client of the dialog's API as the page uses it: a cookie jar, JSON bodies, the dialog header on changes.</summary>
public sealed class DialogClient : IDisposable
{
    public const string CsrfHeader = "X-Ecsta-Dialog";
    private readonly HttpClient _http;

    public DialogClient(Uri dialog)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = dialog };
    }

    public CookieContainer Cookies { get; }

    /// <summary>Logs in with <paramref name="token"/>; returns the answer.</summary>
    public Task<HttpResponseMessage> LoginAsync(string token) => SendAsync(HttpMethod.Post, "api/login", new { token });

    /// <summary>Sends a call; changes carry the dialog header unless <paramref name="withHeader"/> is false.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, bool withHeader = true, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (withHeader && method != HttpMethod.Get)
        {
            request.Headers.Add(CsrfHeader, "1");
        }

        if (body is not null)
        {
            var text = body as string ?? JsonConvert.SerializeObject(body);
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return await _http.SendAsync(request);
    }

    /// <summary>
    /// Sends a change as the page does: reads <paramref name="path"/> first and sends its ETag back as <c>If-Match</c>
    /// (the dialog refuses a change without one with 428).
    /// </summary>
    public async Task<HttpResponseMessage> ChangeAsync(HttpMethod method, string path, object? body = null, bool withHeader = true)
    {
        using var read = await _http.GetAsync(path);
        var tag = read.Headers.ETag?.Tag ?? throw new InvalidOperationException($"GET {path} answered {(int)read.StatusCode} without an ETag");
        return await SendAsync(method, path, body, withHeader, tag);
    }

    /// <summary>The answer's body as JSON.</summary>
    public static async Task<JToken> JsonAsync(HttpResponseMessage response) => JToken.Parse(await response.Content.ReadAsStringAsync());

    public void Dispose() => _http.Dispose();
}
