using System.Net;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>
/// The CTI socket and its HTTP side channel connect by name through the host's resolver
/// (IServiceLocator.ResolveAddressesAsync), not the operating system's. TLS still checks the name.
/// </summary>
public sealed class NameResolutionTests
{
    private const string Domain = "ecsta-test.invalid";
    private const string Name = "xsp1." + Domain;

    [Fact]
    public async Task The_socket_and_the_side_channel_reach_a_target_name_the_system_does_not_know()
    {
        await using var h = await Harness.StartAsync(targets: port => [new ServiceTarget(Name, port, 10, 10, true)], host: Domain);
        h.Locator.Addresses[Name] = [IPAddress.Parse("127.0.0.2"), IPAddress.Loopback];

        var result = await h.Link.TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Steps));
        Assert.Equal("resolved to 127.0.0.2, 127.0.0.1; TCP connection established", result.Steps[0].Detail);
        var side = result.Steps[^1];
        Assert.Equal(("side channel", Name, h.SidePort), (side.Step, side.Target!.Host, side.Target.Port));
    }

    [Fact]
    public async Task A_target_name_without_an_address_fails_the_connect_in_the_resolvers_words()
    {
        await using var h = await Harness.StartAsync(targets: port => [new ServiceTarget(Name, port, 10, 10, true)], host: Domain);

        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));

        Assert.Contains($"{Name}:{h.CtiPort} (SRV priority 10, weight 10): Cannot resolve {Name}: the test's name servers do not know it (NXDOMAIN).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_TLS_the_certificate_is_checked_against_the_name_not_the_address_it_resolved_to()
    {
        await using var h = await Harness.StartAsync(secure: true, targets: port => [new ServiceTarget(Name, port, 10, 10, true)], host: Domain);
        h.Locator.Addresses[Name] = [IPAddress.Loopback];

        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));

        Assert.Contains($"The TLS certificate of {Name}:{h.CtiPort} was refused", error.Message, StringComparison.Ordinal);
    }
}
