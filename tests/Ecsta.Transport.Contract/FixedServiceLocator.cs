using System.Collections.Concurrent;
using System.Net;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Transport.Contract;

/// <summary>
/// Returns fixed targets, counting how often it was asked, and the addresses of the names in <see cref="Addresses"/>
/// (a name the test did not enter fails as the host's resolver fails for an unknown name), remembering each name asked.
/// </summary>
public sealed class FixedServiceLocator(params ServiceTarget[] targets) : IServiceLocator
{
    private int _calls;

    /// <summary>How often the SRV targets were asked for.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The names this locator resolves and their addresses.</summary>
    public ConcurrentDictionary<string, IPAddress[]> Addresses { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name whose addresses were asked for, in order.</summary>
    public ConcurrentQueue<string> AddressQueries { get; } = new();

    /// <summary>The last SRV query: <c>service/protocol</c>.</summary>
    public string? LastQuery { get; private set; }

    public Task<IReadOnlyList<ServiceTarget>> ResolveAsync(string service, string protocol, string host, int fallbackPort, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LastQuery = service + "/" + protocol;
        return Task.FromResult<IReadOnlyList<ServiceTarget>>(targets);
    }

    public Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken)
    {
        AddressQueries.Enqueue(host);
        return Addresses.TryGetValue(host, out var addresses)
            ? Task.FromResult<IReadOnlyList<IPAddress>>(addresses)
            : throw new PlatformException(PlatformErrorKind.LinkDown, $"Cannot resolve {host}: the test's name servers do not know it (NXDOMAIN).");
    }
}
