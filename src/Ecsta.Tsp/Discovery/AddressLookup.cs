using System.Net;
using System.Net.Sockets;
using DnsClient;
using Ecsta.Abstractions.Transports;
using Serilog;

namespace Ecsta.Tsp.Discovery;

/// <summary>
/// The A and AAAA lookup of SRV targets and configured hosts. With name servers configured it asks them (IPv4
/// addresses first, then IPv6; answers cached for their TTL), else the operating system's resolver, so that a target
/// an SRV record names is looked up where that record came from. An IP address is its own answer; <c>localhost</c>
/// and <c>*.localhost</c> are the loopback addresses (RFC 6761) without a query. A name without an address is a
/// <see cref="PlatformException"/> of kind LinkDown naming the name and the name servers asked.
/// </summary>
internal sealed class AddressLookup
{
    private readonly LookupClient? _dns;
    private readonly string _servers;
    private readonly ILogger _log;

    /// <param name="nameServers">The name servers to ask; empty = the operating system's resolver.</param>
    /// <param name="log">Log (Debug: each answer).</param>
    public AddressLookup(IReadOnlyList<IPEndPoint> nameServers, ILogger log)
    {
        _log = log;
        _servers = string.Join(", ", nameServers.Select(s => s.Port == NameServerAddress.DefaultPort ? s.Address.ToString() : s.ToString()));
        if (nameServers.Count > 0)
        {
            _dns = new LookupClient(new LookupClientOptions([.. nameServers])
            {
                UseCache = true,
                Timeout = TimeSpan.FromSeconds(3),
                Retries = 1,
                ThrowDnsErrors = false,
                ContinueOnDnsError = false,
            });
        }
    }

    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var name = host.TrimEnd('.');
        if (IPAddress.TryParse(name, out var literal))
        {
            return [literal];
        }

        var addresses = _dns is null ? await SystemAsync(name, cancellationToken).ConfigureAwait(false)
            : IsLocalhost(name) ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
            : await AskAsync(_dns, name, cancellationToken).ConfigureAwait(false);
        _log.Debug("{Host} is {Addresses} ({Resolver})", name, string.Join(", ", addresses), _dns is null ? "system resolver" : _servers);
        return addresses;
    }

    private async Task<IReadOnlyList<IPAddress>> AskAsync(LookupClient dns, string name, CancellationToken cancellationToken)
    {
        var v4 = QueryAsync(dns, name, QueryType.A, cancellationToken);
        var v6 = QueryAsync(dns, name, QueryType.AAAA, cancellationToken);
        var (a, aFailure) = await v4.ConfigureAwait(false);
        var (aaaa, aaaaFailure) = await v6.ConfigureAwait(false);
        var addresses = new List<IPAddress>();
        addresses.AddRange(a?.Answers.ARecords().Select(r => r.Address) ?? []);
        addresses.AddRange(aaaa?.Answers.AaaaRecords().Select(r => r.Address) ?? []);
        if (addresses.Count > 0)
        {
            return addresses;
        }

        var reason = (aFailure ?? aaaaFailure) is { } failure ? $"the name servers {_servers} did not answer ({failure.Message})"
            : a?.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain ? $"the name servers {_servers} do not know it (NXDOMAIN)"
            : a is { HasError: true } ? $"the name servers {_servers} answered {a.ErrorMessage}"
            : $"the name servers {_servers} have no A or AAAA record for it";
        throw new PlatformException(PlatformErrorKind.LinkDown, $"Cannot resolve {name}: {reason}.");
    }

    private static async Task<(IDnsQueryResponse? Response, DnsResponseException? Failure)> QueryAsync(LookupClient dns, string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            return (await dns.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false), null);
        }
        catch (DnsResponseException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>As <see cref="IServiceLocator.ResolveAddressesAsync"/>'s default: the operating system's resolver.</summary>
    private static async Task<IReadOnlyList<IPAddress>> SystemAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0
                ? addresses
                : throw new PlatformException(PlatformErrorKind.LinkDown, $"Cannot resolve {name}: the system resolver has no address for it (dns.nameServers is empty).");
        }
        catch (SocketException ex)
        {
            throw new PlatformException(PlatformErrorKind.LinkDown, $"Cannot resolve {name}: the system resolver says: {ex.Message} (dns.nameServers is empty)", null, ex);
        }
    }

    private static bool IsLocalhost(string name) =>
        name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
