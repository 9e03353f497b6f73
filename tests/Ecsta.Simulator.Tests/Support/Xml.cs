using System.Net;
using System.Text;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.Simulator.Tests.Support;

/// <summary>Small helpers for XSI requests in tests.</summary>
internal static class Xml
{
    public static StringContent Body(string xml) => new(xml, Encoding.UTF8, "application/xml");

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
        where T : XsiDocument
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return XsiReader.Read<T>(text);
    }

    public static async Task<T> GetAsync<T>(HttpClient client, string path)
        where T : XsiDocument
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync<T>(response);
    }

    public static async Task PutOkAsync(HttpClient client, string path, string? body = null)
    {
        using var response = await client.PutAsync(path, body is null ? null : Body(body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<XsiCallStartInfo> DialAsync(HttpClient client, string userId, string address)
    {
        using var response = await client.PostAsync($"com.broadsoft.xsi-actions/v2.0/user/{userId}/calls/new?address={Uri.EscapeDataString(address)}", null);
        return await ReadAsync<XsiCallStartInfo>(response, HttpStatusCode.Created);
    }

    public static string Calls(string userId) => $"com.broadsoft.xsi-actions/v2.0/user/{userId}/calls";
}
