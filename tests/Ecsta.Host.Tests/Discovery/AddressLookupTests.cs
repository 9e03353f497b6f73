using System.Diagnostics;
using System.Net;
using Ecsta.Abstractions.Transports;
using Ecsta.Testing;
using Ecsta.Tsp.Discovery;
using Serilog;

namespace Ecsta.Host.Tests.Discovery;

/// <summary>The A/AAAA lookup of SRV targets and configured hosts (SrvServiceLocator.ResolveAddressesAsync) against a real dnsmasq.</summary>
public sealed class AddressLookupTests
{
    private static readonly ILogger Silent = new LoggerConfiguration().CreateLogger();

    [Fact]
    public async Task A_target_name_is_resolved_by_the_configured_name_servers_with_IPv4_addresses_before_IPv6()
    {
        await using var dns = await DnsmasqServer.StartAsync("example.test", ["_ecsta._tcp.example.test,xsp1.example.test,8080,10,10"], ["xsp1.example.test,2001:db8::10,192.0.2.10"]);
        var locator = new SrvServiceLocator([dns.NameServer], Silent);

        var target = Assert.Single(await locator.ResolveAsync("ecsta", "tcp", "example.test", 80, CancellationToken.None));
        var addresses = await locator.ResolveAddressesAsync(target.Host, CancellationToken.None);

        Assert.Equal([IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::10")], addresses);
    }

    [Fact]
    public async Task A_name_with_a_trailing_dot_is_the_same_name()
    {
        await using var dns = await DnsmasqServer.StartAsync("example.test", [], ["xsp1.example.test,192.0.2.10"]);
        var locator = new SrvServiceLocator([dns.NameServer], Silent);

        Assert.Equal([IPAddress.Parse("192.0.2.10")], await locator.ResolveAddressesAsync("xsp1.example.test.", CancellationToken.None));
    }

    [Fact]
    public async Task A_name_the_name_servers_do_not_know_fails_naming_the_name_and_the_name_servers()
    {
        await using var dns = await DnsmasqServer.StartAsync("example.test", [], ["xsp1.example.test,192.0.2.10"]);
        var locator = new SrvServiceLocator([dns.NameServer], Silent);

        var failure = await Assert.ThrowsAsync<PlatformException>(() => locator.ResolveAddressesAsync("xsp9.example.test", CancellationToken.None));

        Assert.Equal(PlatformErrorKind.LinkDown, failure.Kind);
        Assert.Equal($"Cannot resolve xsp9.example.test: the name servers {dns.NameServer} do not know it (NXDOMAIN).", failure.Message);
    }

    [Fact]
    public async Task A_name_the_name_servers_know_without_an_address_fails_saying_so()
    {
        await using var dns = await DnsmasqServer.StartAsync("example.test", ["_ecsta._tcp.example.test,xsp1.example.test,8080,10,10"], []);
        var locator = new SrvServiceLocator([dns.NameServer], Silent);

        var failure = await Assert.ThrowsAsync<PlatformException>(() => locator.ResolveAddressesAsync("_ecsta._tcp.example.test", CancellationToken.None));

        Assert.Equal($"Cannot resolve _ecsta._tcp.example.test: the name servers {dns.NameServer} have no A or AAAA record for it.", failure.Message);
    }

    [Fact]
    public async Task A_name_server_that_does_not_answer_fails_naming_it()
    {
        var locator = new SrvServiceLocator(["127.0.0.1:9"], Silent);

        var failure = await Assert.ThrowsAsync<PlatformException>(() => locator.ResolveAddressesAsync("xsp1.example.test", CancellationToken.None));

        Assert.StartsWith("Cannot resolve xsp1.example.test: the name servers 127.0.0.1:9 did not answer (", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("2001:db8::10")]
    public async Task An_IP_address_is_its_own_answer_without_a_question_to_the_name_servers(string address)
    {
        var locator = new SrvServiceLocator(["127.0.0.1:9"], Silent);
        var watch = Stopwatch.StartNew();

        Assert.Equal([IPAddress.Parse(address)], await locator.ResolveAddressesAsync(address, CancellationToken.None));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "an address must not wait for the name server that does not answer");
    }

    [Fact]
    public async Task Localhost_is_the_loopback_addresses_even_with_name_servers_that_do_not_know_it()
    {
        await using var dns = await DnsmasqServer.StartAsync("example.test");
        var locator = new SrvServiceLocator([dns.NameServer], Silent);

        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], await locator.ResolveAddressesAsync("localhost", CancellationToken.None));
    }

    [Fact]
    public async Task Without_name_servers_the_operating_system_resolver_answers_and_its_refusal_names_the_name()
    {
        var locator = new SrvServiceLocator([], Silent);

        Assert.Contains(IPAddress.Loopback, await locator.ResolveAddressesAsync("localhost", CancellationToken.None));
        var failure = await Assert.ThrowsAsync<PlatformException>(() => locator.ResolveAddressesAsync("xsp1.ecsta-unknown.invalid", CancellationToken.None));
        Assert.StartsWith("Cannot resolve xsp1.ecsta-unknown.invalid: the system resolver says: ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("(dns.nameServers is empty)", failure.Message, StringComparison.Ordinal);
    }
}
