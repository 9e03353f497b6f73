using System.Net;
using DnsClient;
using Ecsta.Abstractions.Transports;
using Serilog;

namespace Ecsta.Tsp.Discovery;

/// <summary>
/// The host's DNS SRV resolver (DnsClient.NET): <c>_service._protocol.host</c> ordered per RFC 2782; without SRV
/// records (or when DNS fails) the configured host and port. A single record with target "." means the service is
/// decidedly not available there: no targets. The targets' addresses come from the same name servers
/// (<see cref="AddressLookup"/>).
/// </summary>
public sealed class SrvServiceLocator : IServiceLocator
{
    private readonly LookupClient _dns;
    private readonly AddressLookup _addresses;
    private readonly ILogger _log;
    private readonly Random _random;

    /// <param name="nameServers">Name servers to ask (IP or IP:port, see <see cref="NameServerAddress"/>); empty = the system's.</param>
    /// <param name="log">Log.</param>
    /// <param name="random">Random source for the weighted choice (tests pass a seeded one).</param>
    /// <exception cref="ArgumentException">An entry is not an IP address with an optional port.</exception>
    public SrvServiceLocator(IReadOnlyList<string> nameServers, ILogger log, Random? random = null)
    {
        var endPoints = nameServers.Select(NameServerAddress.Parse).ToArray();
        NameServers = [.. nameServers];
        var options = endPoints.Length == 0
            ? new LookupClientOptions()
            : new LookupClientOptions(endPoints);
        options.UseCache = false;
        options.Timeout = TimeSpan.FromSeconds(3);
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        _dns = new LookupClient(options);
        _addresses = new AddressLookup(endPoints, log);
        _log = log;
        _random = random ?? Random.Shared;
    }

    /// <summary>The name servers asked, as configured; empty = the system's.</summary>
    public IReadOnlyList<string> NameServers { get; }

    public async Task<IReadOnlyList<ServiceTarget>> ResolveAsync(string service, string protocol, string host, int fallbackPort, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out _))
        {
            return [new ServiceTarget(host, fallbackPort)];
        }

        var name = $"_{service}._{protocol}.{host.TrimEnd('.')}";
        IDnsQueryResponse response;
        try
        {
            response = await _dns.QueryAsync(name, QueryType.SRV, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex)
        {
            _log.Warning("SRV lookup of {Name} failed ({Reason}); using the configured host {Host}:{Port}", name, ex.Message, host, fallbackPort);
            return [new ServiceTarget(host, fallbackPort)];
        }

        var records = response.Answers.OfType<DnsClient.Protocol.SrvRecord>().Select(r => new SrvRecord(r.Priority, r.Weight, r.Port, r.Target.Value.TrimEnd('.'))).ToList();
        if (response.HasError || records.Count == 0)
        {
            _log.Information("No SRV record for {Name}; using the configured host {Host}:{Port}", name, host, fallbackPort);
            return [new ServiceTarget(host, fallbackPort)];
        }

        if (records.Count == 1 && records[0].Target.Length == 0)
        {
            _log.Warning("SRV record for {Name} says the service is not available at this domain", name);
            return [];
        }

        var ordered = SrvOrdering.Order(records.Where(r => r.Target.Length > 0), _random)
            .Select(r => new ServiceTarget(r.Target, r.Port, r.Priority, r.Weight, FromSrv: true))
            .ToList();
        _log.Information("SRV {Name}: {Targets}", name, string.Join(", ", ordered));
        return ordered;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken) =>
        _addresses.ResolveAsync(host, cancellationToken);
}
