using System.Net;
using Ecsta.Host.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Serilog;

namespace Ecsta.Host.Hosting;

/// <summary>
/// Guards the host's listener against DNS rebinding and cross-site pages (docs/application-api.md, docs/dialog.md):
/// every request's <c>Host</c> must name the listener: an address it is bound to (any IP address when it is bound to
/// all of them, <c>localhost</c> when it is bound to loopback) on a bound port, or a name in <c>api.allowedHosts</c>
/// (a reverse proxy's); otherwise 421. A browser's <c>Origin</c> on <c>/tapi</c> and on the dialog's API must be the
/// listener's own (the same host and port as <c>Host</c>) or one in <c>api.allowedOrigins</c>; otherwise 403.
/// </summary>
internal sealed class ListenerGuard
{
    private readonly IServer _server;
    private volatile HashSet<string> _allowedHosts;
    private volatile HashSet<string> _allowedOrigins;
    private readonly ILogger _log;
    private Bindings? _bindings;

    public ListenerGuard(IServer server, IEnumerable<string> allowedHosts, IEnumerable<string> allowedOrigins, ILogger log)
    {
        _server = server;
        _allowedHosts = HostSet(allowedHosts);
        _allowedOrigins = OriginSet(allowedOrigins);
        _log = log.ForContext("SourceContext", "Listener");
    }

    /// <summary>
    /// Takes up changed <c>api.allowedHosts</c> / <c>api.allowedOrigins</c> of a reloaded configuration; a malformed
    /// entry is logged and the lists in force stay (the running host keeps its last good configuration).
    /// </summary>
    /// <returns>The refused entries; empty when the lists were taken up.</returns>
    public IReadOnlyList<ValidationError> Apply(ApiConfiguration api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var errors = ConfigurationValidator.ValidateApi(api);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                _log.Error("Configuration: {Field}: {Message}; the allowed hosts and origins in force stay", error.Field, error.Message);
            }

            return errors;
        }

        var hosts = HostSet(api.AllowedHosts);
        var origins = OriginSet(api.AllowedOrigins);
        if (!hosts.SetEquals(_allowedHosts) || !origins.SetEquals(_allowedOrigins))
        {
            _allowedHosts = hosts;
            _allowedOrigins = origins;
            _log.Information("Listener: allowed hosts now {Hosts}, allowed origins now {Origins}", hosts.Count == 0 ? "the listener's own" : string.Join(", ", hosts), origins.Count == 0 ? "the listener's own" : string.Join(", ", origins));
        }

        return errors;
    }

    private static HashSet<string> HostSet(IEnumerable<string> hosts) =>
        new(hosts.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0), StringComparer.Ordinal);

    private static HashSet<string> OriginSet(IEnumerable<string> origins) =>
        new(origins.Select(o => o.Trim().TrimEnd('/').ToLowerInvariant()).Where(o => o.Length > 0), StringComparer.Ordinal);

    /// <summary>Refuses requests whose Host is not the listener's (421) and browser requests from another origin to <c>/tapi</c> and <c>/dialog/api</c> (403).</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var peer = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        var host = context.Request.Headers.Host.ToString();
        if (!HostAllowed(host, context.Request.IsHttps))
        {
            _log.Warning("Refused a request from {Peer}: Host {Host} is not this listener (DNS rebinding?); a reverse proxy's name goes into api.allowedHosts", peer, Printable(host));
            context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            await context.Response.WriteAsync("This listener does not serve that host name.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path;
        if ((path.StartsWithSegments("/tapi") || path.StartsWithSegments("/dialog/api")) && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !OriginAllowed(origin, host))
        {
            _log.Warning("Refused a request to {Path} from {Peer}: Origin {Origin} is not this listener's; a web application's origin goes into api.allowedOrigins", path.Value, peer, Printable(origin));
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("Requests from another web origin are refused.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="host"/> (a Host header) names this listener.</summary>
    internal bool HostAllowed(string host, bool https)
    {
        if (!TrySplit(host, out var name, out var port))
        {
            return false;
        }

        if (_allowedHosts.Contains(name) || (port is { } p && _allowedHosts.Contains($"{name}:{p}")))
        {
            return true;
        }

        var bindings = _bindings ??= Bindings.Of(_server);
        if (bindings is null || !bindings.Ports.Contains(port ?? (https ? 443 : 80)))
        {
            return false;
        }

        if (name == "localhost")
        {
            return bindings.Loopback || bindings.AnyAddress;
        }

        return IPAddress.TryParse(name.Trim('[', ']'), out var address)
            && (bindings.AnyAddress || bindings.Addresses.Contains(address) || (bindings.Loopback && IPAddress.IsLoopback(address) && bindings.Addresses.Any(IPAddress.IsLoopback)));
    }

    /// <summary>Whether a browser's <paramref name="origin"/> is this listener's own (the request's <paramref name="host"/>) or allowed.</summary>
    internal bool OriginAllowed(string origin, string host)
    {
        var normalized = origin.Trim().TrimEnd('/').ToLowerInvariant();
        if (_allowedOrigins.Contains(normalized))
        {
            return true;
        }

        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !TrySplit(host, out var name, out var port))
        {
            return false; // "null" (a sandboxed page, a file) included
        }

        return string.Equals(uri.Host, name.Trim('[', ']'), StringComparison.Ordinal) && uri.Port == (port ?? uri.Port);
    }

    /// <summary>Splits a Host header into its lower-case name (IPv6 in brackets) and port.</summary>
    internal static bool TrySplit(string host, out string name, out int? port)
    {
        name = "";
        port = null;
        var text = host.Trim().ToLowerInvariant();
        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '@' or '\\'))
        {
            return false;
        }

        string rest;
        if (text.StartsWith('['))
        {
            var end = text.IndexOf(']', StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            name = text[..(end + 1)];
            rest = text[(end + 1)..];
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
            {
                return false;
            }

            name = colon < 0 ? text : text[..colon];
            rest = colon < 0 ? "" : text[colon..];
        }

        if (rest.Length > 0)
        {
            if (rest[0] != ':' || !int.TryParse(rest.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return false;
            }

            port = p;
        }

        return name.Length > 0;
    }

    private static string Printable(string value) =>
        new string([.. value.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);

    /// <summary>What the listener is bound to, read once it has started (port 0 becomes the real port).</summary>
    private sealed record Bindings(HashSet<int> Ports, List<IPAddress> Addresses, bool AnyAddress, bool Loopback)
    {
        public static Bindings? Of(IServer server)
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses is null || addresses.Count == 0)
            {
                return null;
            }

            var ports = new HashSet<int>();
            var ips = new List<IPAddress>();
            var any = false;
            var loopback = false;
            foreach (var address in addresses)
            {
                var text = address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
                {
                    continue;
                }

                ports.Add(uri.Port);
                if (uri.Host == "localhost")
                {
                    loopback = true;
                    ips.Add(IPAddress.Loopback);
                    ips.Add(IPAddress.IPv6Loopback);
                }
                else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
                {
                    any |= ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any);
                    loopback |= IPAddress.IsLoopback(ip);
                    ips.Add(ip);
                }
                else
                {
                    any = true; // a name Kestrel binds to every address for
                }
            }

            return new Bindings(ports, ips, any, loopback);
        }
    }
}
