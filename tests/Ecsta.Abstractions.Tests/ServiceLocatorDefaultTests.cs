using System.Net;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Abstractions.Tests;

/// <summary>A locator written before ResolveAddressesAsync existed still works: the default asks the operating system's resolver.</summary>
public sealed class ServiceLocatorDefaultTests
{
    private static readonly IServiceLocator Locator = new OnlySrv();

    [Fact]
    public async Task An_IP_address_is_its_own_answer()
    {
        Assert.Equal([IPAddress.Parse("192.0.2.10")], await Locator.ResolveAddressesAsync("192.0.2.10", CancellationToken.None));
    }

    [Fact]
    public async Task A_name_is_resolved_by_the_operating_system()
    {
        Assert.Contains(IPAddress.Loopback, await Locator.ResolveAddressesAsync("localhost", CancellationToken.None));
    }

    [Fact]
    public async Task A_name_the_operating_system_does_not_know_fails_as_link_down_naming_it()
    {
        var failure = await Assert.ThrowsAsync<PlatformException>(() => Locator.ResolveAddressesAsync("xsp1.ecsta-unknown.invalid", CancellationToken.None));

        Assert.Equal(PlatformErrorKind.LinkDown, failure.Kind);
        Assert.StartsWith("Cannot resolve xsp1.ecsta-unknown.invalid: the system resolver says: ", failure.Message, StringComparison.Ordinal);
    }

    private sealed class OnlySrv : IServiceLocator
    {
        public Task<IReadOnlyList<ServiceTarget>> ResolveAsync(string service, string protocol, string host, int fallbackPort, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ServiceTarget>>([new ServiceTarget(host, fallbackPort)]);
    }
}
