using System.Globalization;
using System.Net;
using Ecsta.Dialog.Tests.TestSupport;
using Ecsta.Simulator;
using Ecsta.Testing;
using Newtonsoft.Json.Linq;

namespace Ecsta.Dialog.Tests;

/// <summary>
/// The DNS name servers through the dialog's API over the real host's listener: saved with the CLI's validator, used
/// by the dialog's connection test (a real dnsmasq knows the XSP's name, the system resolver does not) and taken up
/// by the running host. Each test leaves the list empty again: the host is shared.
/// </summary>
[Collection(DialogHostCollection.Name)]
public sealed class DialogDnsApiTests(DialogHostFixture fixture, SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private readonly DialogHost _host = fixture.Host;
    private readonly XspSimulator _sim = simulator.Sim;

    private async Task<DialogClient> LoggedInAsync()
    {
        var client = new DialogClient(_host.Dialog);
        using var login = await client.LoginAsync(_host.AdminToken);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        return client;
    }

    private static async Task ClearAsync(DialogClient client)
    {
        using var cleared = await client.ChangeAsync(HttpMethod.Put, "api/dns", new { nameServers = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    private JToken? SavedNameServers() => _host.ReadConfiguration()["dns"]?["nameServers"];

    [Fact]
    public async Task Saved_name_servers_are_in_the_file_in_order_and_read_back()
    {
        using var client = await LoggedInAsync();
        try
        {
            using var save = await client.ChangeAsync(HttpMethod.Put, "api/dns", new { nameServers = new[] { "192.0.2.53", "[2001:db8::53]:5353" } });
            using var read = await client.SendAsync(HttpMethod.Get, "api/dns");

            Assert.Equal(HttpStatusCode.OK, save.StatusCode);
            Assert.Equal(["192.0.2.53", "[2001:db8::53]:5353"], SavedNameServers()!.Values<string>());
            var body = await DialogClient.JsonAsync(read);
            Assert.Equal(["192.0.2.53", "[2001:db8::53]:5353"], body["nameServers"]!.Values<string>());
            Assert.False(body["systemResolver"]!.Value<bool>());
        }
        finally
        {
            await ClearAsync(client);
        }
    }

    [Fact]
    public async Task An_entry_that_is_no_IP_address_is_refused_with_400_naming_it_and_nothing_is_saved()
    {
        using var client = await LoggedInAsync();
        var before = await File.ReadAllTextAsync(_host.ConfigurationPath);

        using var save = await client.ChangeAsync(HttpMethod.Put, "api/dns", new { nameServers = new[] { "192.0.2.53", "dns.example.com" } });

        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        var error = Assert.Single((JArray)(await DialogClient.JsonAsync(save))["errors"]!);
        Assert.Equal("dns.nameServers[1]", (string?)error["field"]);
        Assert.StartsWith("'dns.example.com' is not an IP address with an optional port", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_host.ConfigurationPath));
    }

    [Fact]
    public async Task A_save_against_name_servers_changed_since_the_read_is_refused_with_409_naming_the_stored_list()
    {
        using var client = await LoggedInAsync();
        try
        {
            using var read = await client.SendAsync(HttpMethod.Get, "api/dns");
            var tag = read.Headers.ETag!.Tag;
            Assert.Equal($"\"{(string?)(await DialogClient.JsonAsync(read))["version"]}\"", tag);

            var store = new Ecsta.Host.Configuration.ConfigurationStore(_host.ConfigurationPath); // what `ecsta dns set` does meanwhile
            var configuration = store.Load();
            configuration.Dns.NameServers = ["192.0.2.99"];
            store.Save(configuration);

            using var stale = await client.SendAsync(HttpMethod.Put, "api/dns", new { nameServers = new[] { "192.0.2.53" } }, ifMatch: tag);

            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var message = (string)(await DialogClient.JsonAsync(stale))["error"]!;
            Assert.Contains("changed since you read them (now: 192.0.2.99)", message, StringComparison.Ordinal);
            Assert.Equal(["192.0.2.99"], SavedNameServers()!.Values<string>());
        }
        finally
        {
            await ClearAsync(client);
        }
    }

    [Fact]
    public async Task A_save_of_the_name_servers_without_the_version_read_is_refused_with_428_and_saves_nothing()
    {
        using var client = await LoggedInAsync();
        var before = await File.ReadAllTextAsync(_host.ConfigurationPath);

        using var blind = await client.SendAsync(HttpMethod.Put, "api/dns", new { nameServers = new[] { "192.0.2.53" } });

        Assert.Equal((HttpStatusCode)428, blind.StatusCode);
        Assert.Contains("If-Match", (string?)(await DialogClient.JsonAsync(blind))["error"], StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_host.ConfigurationPath));
    }

    [Fact]
    public async Task The_name_servers_need_a_session_and_changing_them_the_dialog_header()
    {
        using var anonymous = new DialogClient(_host.Dialog);
        using var noSession = await anonymous.SendAsync(HttpMethod.Get, "api/dns");
        Assert.Equal(HttpStatusCode.Unauthorized, noSession.StatusCode);

        using var client = await LoggedInAsync();
        using var noHeader = await client.ChangeAsync(HttpMethod.Put, "api/dns", new { nameServers = new[] { "192.0.2.53" } }, withHeader: false);
        Assert.Equal(HttpStatusCode.Forbidden, noHeader.StatusCode);
        Assert.Empty(SavedNameServers() ?? new JArray());
    }

    [Fact]
    public async Task The_connection_test_reaches_an_XSP_whose_name_only_the_saved_name_servers_know_and_the_host_takes_them_up()
    {
        var domain = "dialog-" + Guid.NewGuid().ToString("N")[..8] + ".ecsta-test.example";
        var xsp = "xsp1." + domain;
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => Dns.GetHostAddressesAsync(xsp));
        await using var dns = await DnsmasqServer.StartAsync(domain,
            [$"_ecsta._tcp.{domain},{xsp},{_sim.XsiPort!.Value.ToString(CultureInfo.InvariantCulture)},10,10"],
            [$"{xsp},127.0.0.1"]);
        using var client = await LoggedInAsync();
        try
        {
            using var created = await client.SendAsync(HttpMethod.Post, "api/instances", new
            {
                name = "dns-test",
                mode = "server",
                host = domain,
                port = 1,
                connectionType = "http",
                user = _sim.Administrator.UserId,
                password = _sim.Administrator.Password,
                lines = new[] { new { userId = _sim.Users[0].UserId, number = _sim.Users[0].Number, name = "First" } },
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            using var save = await client.ChangeAsync(HttpMethod.Put, "api/dns", new { nameServers = new[] { dns.NameServer } });
            Assert.Equal(HttpStatusCode.OK, save.StatusCode);

            using var response = await client.SendAsync(HttpMethod.Post, "api/instances/dns-test/connection-test");

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            var result = JObject.Parse(body);
            Assert.True((bool)result["success"]!, body);
            var target = (JObject)result["steps"]![0]!;
            Assert.Equal(("target", xsp, _sim.XsiPort, true), ((string?)target["step"], (string?)target["target"]!["host"], (int?)target["target"]!["port"], (bool)target["target"]!["fromSrv"]!));
            Assert.Equal("resolved to 127.0.0.1; answered", (string?)target["detail"]);
            await WaitForLogAsync($"DNS: name servers now {dns.NameServer}");
        }
        finally
        {
            await ClearAsync(client);
            using var deleted = await client.ChangeAsync(HttpMethod.Delete, "api/instances/dns-test");
        }
    }

    /// <summary>Waits until the host's log has <paramref name="text"/> (the configuration watcher applies the file after a short debounce).</summary>
    private async Task WaitForLogAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!_host.ReadLogs().Contains(text, StringComparison.Ordinal))
        {
            Assert.False(timeout.IsCancellationRequested, $"the host did not log '{text}'");
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
