using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Testing;
using Ecsta.Tsp.Discovery;
using static Ecsta.EndToEnd.Tests.TestSupport.LineExpectations;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// SRV discovery with a real dnsmasq as the host's name server (SrvServiceLocator), the real XSI plugin and the
/// simulator: failover along the SRV targets (names under the configured domain, as <c>SrvTargetPolicy</c> requires), and
/// the configured host without SRV records. Targets outside the domain: <see cref="SrvTargetPolicyTests"/>.
/// </summary>
public sealed class SrvDiscoveryTests(HostEnvironment env) : IClassFixture<HostEnvironment>
{
    [Fact]
    public async Task The_line_comes_into_service_through_the_second_SRV_target_when_the_first_refuses()
    {
        var user = env.NextUser();
        var domain = "srv-" + user.Extension + ".e2e.test";
        var simPort = env.Simulator.XsiPort!.Value.ToString(CultureInfo.InvariantCulture);
        var deadPort = RefusingPort().ToString(CultureInfo.InvariantCulture);
        await using var dns = await DnsmasqServer.StartAsync(domain,
            [$"_ecsta._tcp.{domain},xsp1.{domain},{deadPort},10,10", $"_ecsta._tcp.{domain},xsp2.{domain},{simPort},20,10"],
            [$"xsp1.{domain},127.0.0.1", $"xsp2.{domain},127.0.0.1"]);
        var instance = env.Instance(user, InstanceMode.Workstation);
        instance.Host = domain;
        instance.Port = 1;   // never used: the SRV records name the ports

        await using var line = await env.StartAsync(instance, new SrvServiceLocator([dns.NameServer], env.Log));

        Assert.DoesNotContain(DS(Abstractions.Tapi.LineDevState.OUTOFSERVICE), line.Sink.Entries);
        await CallWorksAsync(line, user.Extension);
    }

    [Fact]
    public async Task Without_an_SRV_record_the_configured_host_and_port_are_used()
    {
        var user = env.NextUser();
        await using var dns = await DnsmasqServer.StartAsync("localhost");
        var instance = env.Instance(user, InstanceMode.Workstation);
        instance.Host = "localhost";

        await using var line = await env.StartAsync(instance, new SrvServiceLocator([dns.NameServer], env.Log));

        Assert.DoesNotContain(DS(Abstractions.Tapi.LineDevState.OUTOFSERVICE), line.Sink.Entries);
        await CallWorksAsync(line, user.Extension);
    }

    private static async Task CallWorksAsync(HostedLine line, string extension)
    {
        var mark = line.Sink.Count;
        var call = line.Provider.MakeCall(line.LineHandle, "030" + extension + "51");
        await line.Sink.WaitForAsync(CS(call.NewCallHandle, "CONNECTED/ACTIVE"), mark);
    }

    /// <summary>A loopback port nobody listens on (connections are refused).</summary>
    private static int RefusingPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
