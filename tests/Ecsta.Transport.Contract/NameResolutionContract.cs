using System.Net;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Transport.Contract;

/// <summary>
/// A transport connects by name through the host's resolver (IServiceLocator.ResolveAddressesAsync), not the operating
/// system's: SRV targets are names only the configured name servers know. TLS still checks the name.
/// </summary>
/// <typeparam name="THarness">The transport's harness.</typeparam>
public abstract class NameResolutionContract<THarness>
    where THarness : IHarnessStarter
{
    private const string Domain = "ecsta-test.invalid";
    private const string Name = "xsp1." + Domain;

    protected static Task<TransportHarness> StartAsync(bool secure = false) =>
        THarness.StartAsync(new HarnessOptions { Secure = secure, Host = Domain, Targets = port => [new ServiceTarget(Name, port, 10, 10, true)] });

    [Fact]
    public async Task A_target_name_the_system_does_not_know_is_reached_at_the_address_the_host_resolver_gives()
    {
        await using var h = await StartAsync();
        h.Locator.Addresses[Name] = [IPAddress.Loopback];

        await h.ConnectAndMonitorAsync();

        Assert.Equal(LinkState.Connected, h.Link.State);
        Assert.Contains(Name, h.Locator.AddressQueries);
    }

    [Fact]
    public async Task The_addresses_of_a_name_are_tried_in_turn_until_one_accepts()
    {
        await using var h = await StartAsync();
        h.Locator.Addresses[Name] = [IPAddress.Parse("127.0.0.2"), IPAddress.Loopback];

        await h.ConnectAndMonitorAsync();

        Assert.Equal(LinkState.Connected, h.Link.State);
    }

    [Fact]
    public async Task A_target_name_without_an_address_fails_the_connect_in_the_resolvers_words()
    {
        await using var h = await StartAsync();

        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));

        Assert.Equal(PlatformErrorKind.LinkDown, error.Kind);
        Assert.Contains($"{Name}:{h.ServicePort} (SRV priority 10, weight 10): Cannot resolve {Name}: the test's name servers do not know it (NXDOMAIN).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_test_shows_the_addresses_a_target_name_resolved_to()
    {
        await using var h = await StartAsync();
        h.Locator.Addresses[Name] = [IPAddress.Parse("127.0.0.2"), IPAddress.Loopback];

        var result = await h.Tester.TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Steps));
        Assert.Equal("resolved to 127.0.0.2, 127.0.0.1; " + h.TargetAnswered, result.Steps[0].Detail);
        h.AssertConnectionTestExtras(result);
    }

    [Fact]
    public async Task The_connection_test_fails_a_target_whose_name_has_no_address_with_the_resolvers_words()
    {
        await using var h = await StartAsync();

        var result = await h.Tester.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(("target", false), (result.Steps[0].Step, result.Steps[0].Success));
        Assert.Equal($"Cannot resolve {Name}: the test's name servers do not know it (NXDOMAIN).", result.Steps[0].Detail);
    }

    [Fact]
    public async Task Over_TLS_the_certificate_is_checked_against_the_name_not_the_address_it_resolved_to()
    {
        await using var h = await StartAsync(secure: true);
        h.Locator.Addresses[Name] = [IPAddress.Loopback];

        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));

        Assert.Contains($"The TLS certificate of {Name}:{h.ServicePort} was refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_TLS_a_name_the_certificate_names_connects_through_the_host_resolver()
    {
        await using var h = await THarness.StartAsync(new HarnessOptions { Secure = true, Targets = port => [new ServiceTarget("localhost", port)] });
        h.Locator.Addresses["localhost"] = [IPAddress.Loopback];

        await h.ConnectAndMonitorAsync();

        Assert.Equal(LinkState.Connected, h.Link.State);
        Assert.Contains("localhost", h.Locator.AddressQueries);
    }
}
