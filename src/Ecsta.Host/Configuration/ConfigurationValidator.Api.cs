using System.Globalization;

namespace Ecsta.Host.Configuration;

internal sealed partial class ConfigurationValidator
{
    /// <summary>
    /// <c>api.allowedHosts</c> (a host name or IP address, optionally with <c>:port</c>, as a Host header carries it)
    /// and <c>api.allowedOrigins</c> (a browser origin: <c>http(s)://name[:port]</c>, nothing after it). A wildcard is
    /// refused: allowing any Host or any origin is what these lists exist to prevent. Errors name the entry:
    /// <c>api.allowedHosts[1]</c>.
    /// </summary>
    public static IReadOnlyList<ValidationError> ValidateApi(ApiConfiguration api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var errors = new List<ValidationError>();
        for (var i = 0; i < api.AllowedHosts.Count; i++)
        {
            if (HostProblem(api.AllowedHosts[i]) is { } problem)
            {
                errors.Add(new ValidationError($"api.allowedHosts[{i}]", problem));
            }
        }

        for (var i = 0; i < api.AllowedOrigins.Count; i++)
        {
            if (OriginProblem(api.AllowedOrigins[i]) is { } problem)
            {
                errors.Add(new ValidationError($"api.allowedOrigins[{i}]", problem));
            }
        }

        if (!string.Equals(api.Bridge?.Trim(), ApiConfiguration.BridgeOff, StringComparison.OrdinalIgnoreCase)
            && !(System.Net.IPEndPoint.TryParse(api.Bridge?.Trim() ?? "", out var bridge) && System.Net.IPAddress.IsLoopback(bridge.Address)))
        {
            errors.Add(new ValidationError("api.bridge", $"'{api.Bridge}' is not a loopback address with a port (e.g. 127.0.0.1:5472; port 0 for any free one), nor 'off': the native bridge never listens beyond this machine"));
        }

        return errors;
    }

    private static string? HostProblem(string? entry)
    {
        var text = entry?.Trim() ?? "";
        const string Example = "a host name or IP address with an optional port, as a reverse proxy sends it in the Host header (e.g. tapi.example.com or tapi.example.com:8443)";
        if (text.Contains('*', StringComparison.Ordinal))
        {
            return $"'{entry}' is a wildcard: name each host a reverse proxy forwards for; {Example}";
        }

        string name;
        var port = "";
        if (text.StartsWith('['))
        {
            var end = text.IndexOf(']', StringComparison.Ordinal);
            name = end < 0 ? "" : text[1..end];
            port = end < 0 ? "" : text[(end + 1)..];
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            name = colon < 0 ? text : text[..colon];
            port = colon < 0 ? "" : text[colon..];
        }

        var nameOk = name.Length > 0 && Uri.CheckHostName(name) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
            && (text.StartsWith('[') || Uri.CheckHostName(name) != UriHostNameType.IPv6);
        var portOk = port.Length == 0
            || (port[0] == ':' && int.TryParse(port.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535);
        return nameOk && portOk ? null : $"'{entry}' is not {Example}";
    }

    private static string? OriginProblem(string? entry)
    {
        var text = entry?.Trim().TrimEnd('/') ?? "";
        const string Example = "a browser origin: http:// or https://, a host name and an optional port, nothing after it (e.g. https://crm.example.com)";
        if (text.Contains('*', StringComparison.Ordinal) || text == "null")
        {
            return $"'{entry}' would allow pages of any or of no origin; {Example}";
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.UserInfo.Length == 0 && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            && !text.EndsWith('?') && !text.EndsWith('#')
            ? null
            : $"'{entry}' is not {Example}";
    }
}
