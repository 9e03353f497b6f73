using Ecsta.Testing;
using Ecsta.Tsp.Discovery;
using Serilog;

namespace Ecsta.Host.Tests.Discovery;

/// <summary>SRV discovery against a real dnsmasq on loopback.</summary>
public sealed class SrvServiceLocatorTests
{
    private static readonly ILogger Silent = new LoggerConfiguration().CreateLogger();

    [Fact]
    public async Task The_lower_priority_target_comes_first_as_in_the_manuals_example()
    {
        await using var dns = await DnsmasqServer.StartAsync(
            "example.test",
            "_ecsta._tls.example.test,web1.example.test,443,20,20",
            "_ecsta._tls.example.test,web2.example.test,443,10,20");
        var locator = new SrvServiceLocator([dns.NameServer], Silent);

        var targets = await locator.ResolveAsync("ecsta", "tls", "example.test", 443, CancellationToken.None);

        Assert.Equal(["web2.example.test", "web1.example.test"], targets.Select(t => t.Host));
        Assert.All(targets, t => Assert.True(t.FromSrv));
        Assert.Equal((10, 20, 443), (targets[0].Priority, targets[0].Weight, targets[0].Port));
    }

    [Fact]
    public async Task Records_of_one_priority_are_all_returned_including_weight_zero_ones()
    {
        await using var dns = await DnsmasqServer.StartAsync(
            "example.test",
            "_ecsta-cti._tcp.example.test,a.example.test,8011,10,60",
            "_ecsta-cti._tcp.example.test,b.example.test,8011,10,0",
            "_ecsta-cti._tcp.example.test,c.example.test,8011,10,40",
            "_ecsta-cti._tcp.example.test,backup.example.test,9011,30,10");
        var locator = new SrvServiceLocator([dns.NameServer], Silent, new Random(7));

        var targets = await locator.ResolveAsync("ecsta-cti", "tcp", "example.test", 8011, CancellationToken.None);

        Assert.Equal(4, targets.Count);
        Assert.Equal(["a.example.test", "b.example.test", "c.example.test"], targets.Take(3).Select(t => t.Host).Order());
        Assert.Equal(("backup.example.test", 9011), (targets[3].Host, targets[3].Port));
    }

    [Fact]
    public async Task Without_an_SRV_record_the_configured_host_and_port_are_used()
    {
        await using var dns = await DnsmasqServer.StartAsync("example.test", "_ecsta._tls.example.test,web1.example.test,443,10,10");
        var locator = new SrvServiceLocator([dns.NameServer], Silent);

        var targets = await locator.ResolveAsync("ecsta", "tcp", "example.test", 8080, CancellationToken.None);

        var target = Assert.Single(targets);
        Assert.Equal(("example.test", 8080, false), (target.Host, target.Port, target.FromSrv));
    }

    [Fact]
    public async Task A_record_with_target_dot_means_the_service_is_not_available()
    {
        await using var dns = await DnsmasqServer.StartAsync("example.test", "_ecsta._tcp.example.test");
        var locator = new SrvServiceLocator([dns.NameServer], Silent);

        var targets = await locator.ResolveAsync("ecsta", "tcp", "example.test", 80, CancellationToken.None);

        Assert.Empty(targets);
    }

    [Fact]
    public async Task An_unreachable_name_server_falls_back_to_the_configured_host()
    {
        var locator = new SrvServiceLocator(["127.0.0.1:9"], Silent);

        var targets = await locator.ResolveAsync("ecsta", "tls", "example.test", 443, CancellationToken.None);

        Assert.Equal(("example.test", 443), (targets.Single().Host, targets.Single().Port));
    }

    [Fact]
    public async Task An_ip_address_host_is_used_as_it_is_without_a_lookup()
    {
        var locator = new SrvServiceLocator(["127.0.0.1:9"], Silent);

        var targets = await locator.ResolveAsync("ecsta", "tcp", "127.0.0.1", 8080, CancellationToken.None);

        Assert.Equal(("127.0.0.1", 8080, false), (targets.Single().Host, targets.Single().Port, targets.Single().FromSrv));
    }
}
