using System.Net;
using System.Net.WebSockets;
using Ecsta.Dialog.Tests.TestSupport;

namespace Ecsta.Dialog.Tests;

/// <summary>Host and Origin checks of the host's listener: DNS rebinding and cross-site pages reach neither /tapi nor the dialog.</summary>
[Collection(DialogHostCollection.Name)]
public sealed class ListenerGuardTests(DialogHostFixture fixture)
{
    private readonly DialogHost _host = fixture.Host;

    private Uri Tapi => new($"ws://{_host.Dialog.Authority}/tapi");

    private static async Task<HttpResponseMessage> GetAsync(Uri url, string? host = null, string? origin = null, HttpMethod? method = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:{port}")]
    [InlineData("127.0.0.1:1")]
    [InlineData("10.1.2.3:{port}")]
    public async Task The_dialog_refuses_a_host_header_that_is_not_the_listener_s(string host)
    {
        using var response = await GetAsync(_host.Dialog, host.Replace("{port}", _host.Dialog.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.DoesNotContain("<title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("is not this listener", _host.ReadLogs(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("localhost:{port}")]
    public async Task The_dialog_answers_a_host_header_naming_the_bound_address(string host)
    {
        using var response = await GetAsync(_host.Dialog, host.Replace("{port}", _host.Dialog.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_dialog_s_api_refuses_a_login_from_another_origin()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.Dialog, "api/login"))
        {
            Content = new StringContent($"{{\"token\":\"{_host.AdminToken}\"}}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "http://evil.example");
        request.Headers.Add(DialogClient.CsrfHeader, "1");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_application_api_refuses_an_upgrade_from_another_origin_even_with_the_token()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _host.ApiToken);
        socket.Options.SetRequestHeader("Origin", "http://evil.example");
        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Tapi, CancellationToken.None));
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Contains("Origin http://evil.example is not this listener's", _host.ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_application_api_accepts_its_own_origin_and_clients_that_send_none()
    {
        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Authorization", "Bearer " + _host.ApiToken);
        own.Options.SetRequestHeader("Origin", $"http://{_host.Dialog.Authority}");
        await own.ConnectAsync(Tapi, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
        await own.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        using var none = new ClientWebSocket();
        none.Options.SetRequestHeader("Authorization", "Bearer " + _host.ApiToken);
        await none.ConnectAsync(Tapi, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, none.State);
        await none.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task The_application_api_refuses_a_foreign_host_header_before_looking_at_the_token()
    {
        using var response = await GetAsync(new Uri($"http://{_host.Dialog.Authority}/tapi?access_token={_host.ApiToken}"), host: "attacker.example");

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.DoesNotContain(_host.ApiToken, _host.ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reverse_proxy_s_name_and_a_web_application_s_origin_are_accepted_once_configured()
    {
        await using var host = await DialogHost.StartAsync(api: "{ \"allowedHosts\": [\"ecsta.example.com\"], \"allowedOrigins\": [\"https://crm.example.com\"] }");
        using var proxied = await GetAsync(host.Dialog, "ecsta.example.com");
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        using var other = await GetAsync(host.Dialog, "other.example.com");
        Assert.Equal(HttpStatusCode.MisdirectedRequest, other.StatusCode);

        using var crm = new ClientWebSocket();
        crm.Options.SetRequestHeader("Authorization", "Bearer " + host.ApiToken);
        crm.Options.SetRequestHeader("Origin", "https://crm.example.com");
        await crm.ConnectAsync(new Uri($"ws://{host.Dialog.Authority}/tapi"), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, crm.State);
        await crm.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task A_running_host_takes_up_a_changed_allow_list_and_keeps_it_when_the_next_change_is_malformed()
    {
        await using var host = await DialogHost.StartAsync();
        using var before = await GetAsync(host.Dialog, "ecsta.example.com");
        Assert.Equal(HttpStatusCode.MisdirectedRequest, before.StatusCode);

        var file = host.ReadConfiguration();
        file["api"] = new Newtonsoft.Json.Linq.JObject { ["allowedHosts"] = new Newtonsoft.Json.Linq.JArray("ecsta.example.com") };
        await File.WriteAllTextAsync(host.ConfigurationPath, file.ToString());
        await WaitForLogAsync(host, "allowed hosts now ecsta.example.com");
        using var taken = await GetAsync(host.Dialog, "ecsta.example.com");
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);

        file["api"]!["allowedHosts"] = new Newtonsoft.Json.Linq.JArray("*");
        await File.WriteAllTextAsync(host.ConfigurationPath, file.ToString());
        await WaitForLogAsync(host, "api.allowedHosts[0]: '*' is a wildcard");
        using var kept = await GetAsync(host.Dialog, "ecsta.example.com");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        using var other = await GetAsync(host.Dialog, "other.example.com");
        Assert.Equal(HttpStatusCode.MisdirectedRequest, other.StatusCode);
    }

    private static async Task WaitForLogAsync(DialogHost host, string text)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!host.ReadLogs().Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
