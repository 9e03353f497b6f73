using System.Net;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Serilog;

namespace Ecsta.Tsp.Discovery;

/// <summary>
/// The running host's resolver: an <see cref="SrvServiceLocator"/> for <c>dns.nameServers</c> of the configuration,
/// replaced when a changed file names other name servers. Links ask it at every lookup (connect, reconnect, each new
/// HTTP connection), so the new name servers are used from the next lookup on; connected links stay connected.
/// Entries the validator refuses (only a hand-edited file has them) are logged and left out.
/// </summary>
public sealed class ConfiguredServiceLocator : IServiceLocator
{
    private readonly ILogger _log;
    private volatile SrvServiceLocator _current;

    public ConfiguredServiceLocator(DnsConfiguration dns, ILogger log)
    {
        _log = log;
        _current = Create(dns);
    }

    /// <summary>The name servers in use (empty = the operating system's resolver).</summary>
    public IReadOnlyList<string> NameServers => _current.NameServers;

    /// <summary>Uses the name servers of <paramref name="dns"/> from now on, if they changed.</summary>
    public void Apply(DnsConfiguration dns)
    {
        ArgumentNullException.ThrowIfNull(dns);
        var valid = Valid(dns);
        if (valid.SequenceEqual(_current.NameServers, StringComparer.Ordinal))
        {
            return;
        }

        _current = new SrvServiceLocator(valid, _log);
        _log.Information("DNS: name servers now {NameServers}", valid.Count == 0 ? "the system's" : string.Join(", ", valid));
    }

    public Task<IReadOnlyList<ServiceTarget>> ResolveAsync(string service, string protocol, string host, int fallbackPort, CancellationToken cancellationToken) =>
        _current.ResolveAsync(service, protocol, host, fallbackPort, cancellationToken);

    public Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken) =>
        _current.ResolveAddressesAsync(host, cancellationToken);

    private SrvServiceLocator Create(DnsConfiguration dns)
    {
        var valid = Valid(dns);
        if (valid.Count > 0)
        {
            _log.Information("DNS: name servers {NameServers}", string.Join(", ", valid));
        }

        return new SrvServiceLocator(valid, _log);
    }

    private List<string> Valid(DnsConfiguration dns)
    {
        var errors = ConfigurationValidator.ValidateDns(dns);
        foreach (var error in errors)
        {
            _log.Error("DNS: {Field} left out: {Problem}", error.Field, error.Message);
        }

        var refused = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        return [.. dns.NameServers.Where((_, i) => !refused.Contains($"dns.nameServers[{i}]"))];
    }
}
