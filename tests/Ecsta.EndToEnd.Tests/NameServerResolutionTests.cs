using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Host.Cli;
using Ecsta.Simulator.CallEngine;
using Ecsta.Testing;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Discovery;
using Newtonsoft.Json.Linq;
using static Ecsta.EndToEnd.Tests.TestSupport.LineExpectations;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// With dns.nameServers set, the SRV targets and the configured host are looked up with those name servers too: a
/// real dnsmasq knows <c>_ecsta._tcp.DOMAIN</c> → <c>xsp1.DOMAIN</c> and <c>xsp1.DOMAIN</c> → 127.0.0.1, the
/// operating system's resolver knows neither (checked first). The real host runtime, the real XSI and CTI plugins and
/// the real `ecsta connection test` run against the simulator.
/// </summary>
public sealed class NameServerResolutionTests(HostEnvironment env) : IClassFixture<HostEnvironment>
{
    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>A domain of the test's own under <c>.example</c> (RFC 2606), which the system resolver cannot know.</summary>
    private static async Task<string> UnknownDomainAsync(SimUser user, string name)
    {
        var domain = $"{name}-{user.Extension}.ecsta-test.example";
        await Assert.ThrowsAnyAsync<SocketException>(() => Dns.GetHostAddressesAsync("xsp1." + domain));
        await Assert.ThrowsAnyAsync<SocketException>(() => Dns.GetHostAddressesAsync("xsp." + domain));
        return domain;
    }

    [Fact]
    public async Task An_XSI_line_comes_into_service_through_an_SRV_target_only_the_configured_name_server_knows()
    {
        var user = env.NextUser();
        var domain = await UnknownDomainAsync(user, "xsi");
        await using var dns = await DnsmasqServer.StartAsync(domain,
            [$"_ecsta._tcp.{domain},xsp1.{domain},{Port(env.Simulator.XsiPort!.Value)},10,10"],
            [$"xsp1.{domain},127.0.0.1"]);
        var instance = env.Instance(user, InstanceMode.Workstation);
        instance.Host = domain;
        instance.Port = 1;   // never used: the SRV record names the port

        await using var line = await env.StartAsync(instance, new SrvServiceLocator([dns.NameServer], env.Log));

        Assert.DoesNotContain(DS(LineDevState.OUTOFSERVICE), line.Sink.Entries);
        await CallWorksAsync(line, user.Extension);
    }

    [Fact]
    public async Task Without_an_SRV_record_the_configured_host_name_is_looked_up_with_the_configured_name_server()
    {
        var user = env.NextUser();
        var domain = await UnknownDomainAsync(user, "host");
        await using var dns = await DnsmasqServer.StartAsync(domain, [], [$"xsp.{domain},127.0.0.1"]);
        var instance = env.Instance(user, InstanceMode.Workstation);
        instance.Host = "xsp." + domain;

        await using var line = await env.StartAsync(instance, new SrvServiceLocator([dns.NameServer], env.Log));

        Assert.DoesNotContain(DS(LineDevState.OUTOFSERVICE), line.Sink.Entries);
        await CallWorksAsync(line, user.Extension);
    }

    [Fact]
    public async Task A_CTI_line_and_its_HTTP_side_channel_reach_an_SRV_target_only_the_configured_name_server_knows()
    {
        var user = env.NextUser();
        var domain = await UnknownDomainAsync(user, "cti");
        await using var dns = await DnsmasqServer.StartAsync(domain,
            [$"_ecsta-cti._tcp.{domain},xsp1.{domain},{Port(env.Simulator.CtiPort!.Value)},10,10"],
            [$"xsp1.{domain},127.0.0.1"]);
        var instance = env.Instance(user, InstanceMode.Workstation, ConnectionTypes.Cti);
        instance.Host = domain;
        instance.Port = 1;

        await using var line = await env.StartAsync(instance, new SrvServiceLocator([dns.NameServer], env.Log));
        var before = env.Simulator.XsiHttpRequests.Count;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var lines = await env.LinkOf(instance.Name).ReadLinesAsync(timeout.Token);

        Assert.Equal(user.UserId, Assert.Single(lines).UserId);
        Assert.Contains(env.Simulator.XsiHttpRequests.Skip(before), r => r.EndsWith($"/user/{user.UserId}/profile", StringComparison.Ordinal));
        await CallWorksAsync(line, user.Extension);
    }

    [Fact]
    public async Task A_target_name_the_configured_name_server_does_not_know_keeps_the_line_out_of_service_naming_the_name_and_the_server()
    {
        var user = env.NextUser();
        var domain = await UnknownDomainAsync(user, "gone");
        await using var dns = await DnsmasqServer.StartAsync(domain,
            [$"_ecsta._tcp.{domain},xsp9.{domain},{Port(env.Simulator.XsiPort!.Value)},10,10"],
            [$"xsp1.{domain},127.0.0.1"]);
        var instance = env.Instance(user, InstanceMode.Workstation);
        instance.Host = domain;

        await using var line = await HostedLine.StartAsync(env, instance, new SrvServiceLocator([dns.NameServer], env.Log), waitForService: false);
        await line.SettleAsync();

        var status = line.Provider.GetLineDevStatus(line.DeviceId)!;
        Assert.False(status.InService);
        Assert.Contains($"Cannot resolve xsp9.{domain}: the name servers {dns.NameServer} do not know it (NXDOMAIN).", status.OutOfServiceReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecsta_connection_test_passes_after_ecsta_dns_set_and_prints_the_address_each_target_resolved_to()
    {
        var user = env.NextUser();
        var domain = await UnknownDomainAsync(user, "cli");
        await using var dns = await DnsmasqServer.StartAsync(domain,
            [$"_ecsta._tcp.{domain},xsp1.{domain},{Port(env.Simulator.XsiPort!.Value)},10,10"],
            [$"xsp1.{domain},127.0.0.1"]);
        var config = SaveInstance(user, domain);

        var set = await CliAsync(config, "dns", "set", dns.NameServer);
        var test = await CliAsync(config, "connection", "test", "e2e-" + user.Extension);
        var json = await CliAsync(config, "connection", "test", "e2e-" + user.Extension, "--json");

        Assert.True(set.Code == 0, set.Error);
        Assert.True(test.Code == 0, test.Output + test.Error);
        var lines = test.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"ok    target xsp1.{domain}:{env.Simulator.XsiPort} (SRV priority 10, weight 10): resolved to 127.0.0.1; answered", lines[0]);
        Assert.Equal("connection test passed", lines[^1]);
        var result = JObject.Parse(json.Output);
        Assert.True(result["success"]!.Value<bool>());
        Assert.Equal($"xsp1.{domain}", result["steps"]![0]!["target"]!["host"]!.Value<string>());
    }

    [Fact]
    public async Task Ecsta_connection_test_fails_a_target_the_name_server_does_not_know_naming_the_name_and_the_server()
    {
        var user = env.NextUser();
        var domain = await UnknownDomainAsync(user, "clifail");
        await using var dns = await DnsmasqServer.StartAsync(domain,
            [$"_ecsta._tcp.{domain},xsp9.{domain},{Port(env.Simulator.XsiPort!.Value)},10,10"],
            []);
        var config = SaveInstance(user, domain);

        var set = await CliAsync(config, "dns", "set", dns.NameServer);
        var test = await CliAsync(config, "connection", "test", "e2e-" + user.Extension);

        Assert.True(set.Code == 0, set.Error);
        Assert.Equal(1, test.Code);
        Assert.Contains(
            $"FAIL  target xsp9.{domain}:{env.Simulator.XsiPort} (SRV priority 10, weight 10): Cannot resolve xsp9.{domain}: the name servers {dns.NameServer} do not know it (NXDOMAIN).",
            test.Output,
            StringComparison.Ordinal);
        Assert.EndsWith("connection test failed" + Environment.NewLine, test.Output, StringComparison.Ordinal);
    }

    private static async Task CallWorksAsync(HostedLine line, string extension)
    {
        var mark = line.Sink.Count;
        var call = line.Provider.MakeCall(line.LineHandle, "030" + extension + "52");
        await line.Sink.WaitForAsync(CS(call.NewCallHandle, "CONNECTED/ACTIVE"), mark);
    }

    /// <summary>A configuration file of the test's own with the user's workstation instance on <paramref name="host"/>.</summary>
    private string SaveInstance(SimUser user, string host)
    {
        var folder = Directory.CreateDirectory(Path.Combine(env.Folder, "cli-" + user.Extension)).FullName;
        var store = new ConfigurationStore(Path.Combine(folder, "ecsta.json"));
        var instance = env.Instance(user, InstanceMode.Workstation);
        instance.Host = host;
        instance.Port = 1;
        instance.PasswordProtected = store.Secrets.Protect(user.Password);
        store.Save(new EcstaConfiguration { Instances = [instance] });
        return store.Path;
    }

    private static async Task<(int Code, string Output, string Error)> CliAsync(string config, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var plugins = Path.Combine(AppContext.BaseDirectory, "plugins");
        var code = await CliApplication.RunAsync([.. args, "--config", config, "--plugins-dir", plugins], new CliConsole(output, error, new StringReader("")), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
