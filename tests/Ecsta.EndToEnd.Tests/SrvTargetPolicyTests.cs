using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Simulator;
using Ecsta.Testing;
using Ecsta.Tsp.Discovery;
using static Ecsta.EndToEnd.Tests.TestSupport.LineExpectations;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// A forged SRV answer cannot redirect the credentials: a real dnsmasq names a target outside the configured domain
/// first and one inside it second. Every certificate is issued by one test-made CA the instance trusts, so the outside
/// target's certificate is valid for its own name: only the domain rule keeps the password from it. The outside
/// target is never connected to (XSI: an evil simulator sees no request; CTI: an evil listener accepts no
/// connection), the inside target serves the line, over XSI (https), CTI (ctis) and the CTI side channel.
/// </summary>
public sealed class SrvTargetPolicyTests(SrvPolicyHostEnvironment env) : IClassFixture<SrvPolicyHostEnvironment>
{
    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_XSI_SRV_target_outside_the_configured_domain_never_receives_a_request_and_the_next_target_inside_serves_the_line()
    {
        var user = env.NextUser();
        var domain = SrvPolicyHostEnvironment.Domain;
        await using var evil = await env.StartEvilSimulatorAsync();
        await using var dns = await DnsmasqServer.StartAsync(domain,
            [
                $"_ecsta._tls.{domain},{SrvPolicyHostEnvironment.EvilName},{Port(evil.XsiHttpsPort!.Value)},5,10",
                $"_ecsta._tls.{domain},{SrvPolicyHostEnvironment.LookalikeName},{Port(evil.XsiHttpsPort!.Value)},10,10",
                $"_ecsta._tls.{domain},{SrvPolicyHostEnvironment.GoodName},{Port(env.Simulator.XsiHttpsPort!.Value)},20,10",
            ],
            [$"{SrvPolicyHostEnvironment.EvilName},127.0.0.1", $"{SrvPolicyHostEnvironment.LookalikeName},127.0.0.1", $"{SrvPolicyHostEnvironment.GoodName},127.0.0.1"]);
        var instance = env.Instance(user, InstanceMode.Workstation, ConnectionTypes.Https);
        instance.Host = domain;
        instance.Port = 1;

        await using var line = await env.StartAsync(instance, new SrvServiceLocator([dns.NameServer], env.Log));

        Assert.DoesNotContain(DS(LineDevState.OUTOFSERVICE), line.Sink.Entries);
        Assert.Empty(evil.XsiHttpRequests);
        Assert.Contains(env.Simulator.XsiHttpRequests, r => r.EndsWith($"/user/{user.UserId}/profile", StringComparison.Ordinal));
        var log = env.LogLines.For(instance.Name);
        Assert.Contains(log, l => l.Contains($"SRV target {SrvPolicyHostEnvironment.EvilName} refused: it lies outside the configured host {domain}", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains($"SRV target {SrvPolicyHostEnvironment.LookalikeName} refused", StringComparison.Ordinal));
        await CallWorksAsync(line, user.Extension);
    }

    [Fact]
    public async Task A_CTI_SRV_target_outside_the_configured_domain_is_never_connected_to_and_the_socket_and_side_channel_use_the_target_inside()
    {
        var user = env.NextUser();
        var domain = SrvPolicyHostEnvironment.Domain;
        using var evil = new TcpListener(IPAddress.Loopback, 0);
        evil.Start();
        var evilPort = ((IPEndPoint)evil.LocalEndpoint).Port;
        await using var dns = await DnsmasqServer.StartAsync(domain,
            [
                $"_ecsta-cti._tls.{domain},{SrvPolicyHostEnvironment.EvilName},{Port(evilPort)},5,10",
                $"_ecsta-cti._tls.{domain},{SrvPolicyHostEnvironment.GoodName},{Port(env.Simulator.CtisPort!.Value)},20,10",
            ],
            [$"{SrvPolicyHostEnvironment.EvilName},127.0.0.1", $"{SrvPolicyHostEnvironment.GoodName},127.0.0.1"]);
        var instance = env.Instance(user, InstanceMode.Workstation, ConnectionTypes.Ctis);
        instance.Host = domain;
        instance.Port = 1;

        await using var line = await env.StartAsync(instance, new SrvServiceLocator([dns.NameServer], env.Log));
        var before = env.Simulator.XsiHttpRequests.Count;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var lines = await env.LinkOf(instance.Name).ReadLinesAsync(timeout.Token);

        Assert.DoesNotContain(DS(LineDevState.OUTOFSERVICE), line.Sink.Entries);
        Assert.False(evil.Pending(), "the link connected to the SRV target outside the configured domain");
        Assert.Equal(user.UserId, Assert.Single(lines).UserId);
        Assert.Contains(env.Simulator.XsiHttpRequests.Skip(before), r => r.StartsWith("GET https", StringComparison.Ordinal) && r.EndsWith($"/user/{user.UserId}/profile", StringComparison.Ordinal));
        Assert.Contains(env.LogLines.For(instance.Name), l => l.Contains($"SRV target {SrvPolicyHostEnvironment.EvilName} refused", StringComparison.Ordinal));
        await CallWorksAsync(line, user.Extension);
    }

    private static async Task CallWorksAsync(HostedLine line, string extension)
    {
        var mark = line.Sink.Count;
        var call = line.Provider.MakeCall(line.LineHandle, "030" + extension + "52");
        await line.Sink.WaitForAsync(CS(call.NewCallHandle, "CONNECTED/ACTIVE"), mark);
    }
}

/// <summary>
/// A <see cref="HostEnvironment"/> whose simulator presents a certificate for <see cref="GoodName"/> issued by a
/// test-made CA (which <see cref="HostEnvironment.CaPath"/> then holds), and which can start an "evil" simulator with
/// a certificate from the same CA for <see cref="EvilName"/> and <see cref="LookalikeName"/>.
/// </summary>
public sealed class SrvPolicyHostEnvironment : HostEnvironment
{
    /// <summary>The configured host: a domain the system resolver cannot know (RFC 2606).</summary>
    public const string Domain = "srv-policy.ecsta-test.example";

    /// <summary>The XSP inside the domain.</summary>
    public const string GoodName = "xsp1." + Domain;

    /// <summary>A host outside the domain.</summary>
    public const string EvilName = "xsp.evil-policy.example";

    /// <summary>Ends with the domain's text but is not under it.</summary>
    public const string LookalikeName = "xsp.not" + Domain;

    private readonly X509Certificate2 _ca = TestCertificates.CreateCa("Ecsta SRV Policy Test CA");

    protected override SimulatorOptions SimulatorOptions => base.SimulatorOptions with
    {
        ServerCertificate = TestCertificates.IssueServer(_ca, GoodName),
        CaCertificate = _ca,
    };

    /// <summary>A second simulator whose certificate, from the same CA, is valid for the names outside the domain.</summary>
    public Task<XspSimulator> StartEvilSimulatorAsync() => XspSimulator.StartAsync(new SimulatorOptions
    {
        Users = 1,
        ServerCertificate = TestCertificates.IssueServer(_ca, EvilName, LookalikeName),
        CaCertificate = _ca,
    });
}
