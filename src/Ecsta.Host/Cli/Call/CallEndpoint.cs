using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Ecsta.Host.Api;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Cli.Call;

/// <summary>Where `ecsta call` connects and with which token.</summary>
internal static class CallEndpoint
{
    public const string TokenVariable = "ECSTA_TOKEN";

    /// <summary>
    /// The WebSocket URL: <paramref name="explicitUrl"/> (http(s):// or ws(s)://; <c>/tapi</c> added when there is no
    /// path), else the first of the configuration's <c>api.urls</c> (default http://127.0.0.1:5470), a wildcard host
    /// meaning this machine.
    /// </summary>
    public static Uri ResolveUrl(string? explicitUrl, CliContext context)
    {
        var text = explicitUrl;
        if (string.IsNullOrWhiteSpace(text))
        {
            var urls = context.Store.LoadOrEmpty().Api.Urls;
            text = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://127.0.0.1:5470";
        }

        return ToWebSocketUrl(text);
    }

    /// <summary>http://host:port → ws://host:port/tapi (wildcard hosts become 127.0.0.1).</summary>
    public static Uri ToWebSocketUrl(string url)
    {
        var text = url.Trim();
        foreach (var wildcard in (string[])["://0.0.0.0", "://*", "://+", "://[::]"])
        {
            text = text.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new CliFailure($"--url '{url}' is not an absolute URL (e.g. ws://127.0.0.1:5470/tapi)", ExitCodes.Usage);
        }

        var scheme = uri.Scheme switch
        {
            "http" or "ws" => "ws",
            "https" or "wss" => "wss",
            _ => throw new CliFailure($"--url '{url}': use http, https, ws or wss", ExitCodes.Usage),
        };
        var builder = new UriBuilder(uri) { Scheme = scheme, Port = uri.Port };
        if (builder.Path is "" or "/")
        {
            builder.Path = "/tapi";
        }

        return builder.Uri;
    }

    /// <summary>
    /// How `ecsta call` judges a wss:// host's certificate: the system store first; else it is accepted when it is the
    /// very certificate of <c>api.certificatePath</c> in this configuration (the host serves that file, so the local
    /// file is the pin; the name may differ, since a wildcard listener is reached at 127.0.0.1). Null for ws://.
    /// </summary>
    public static RemoteCertificateValidationCallback? CertificateValidation(Uri url, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(context);
        if (url.Scheme != "wss")
        {
            return null;
        }

        var path = context.Store.LoadOrEmpty().Api.CertificatePath;
        var configured = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(path) && File.Exists(path))
        {
            try
            {
                configured.ImportFromPemFile(path);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // An unreadable file pins nothing; the system store still decides.
            }
        }

        return (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (certificate is not null && configured.Any(c => c.RawDataMemory.Span.SequenceEqual(certificate.GetRawCertData())));
    }

    /// <summary>The token: <paramref name="explicitToken"/>, else ECSTA_TOKEN, else the api-token file beside the configuration.</summary>
    public static string ResolveToken(string? explicitToken, CliContext context)
    {
        if (!string.IsNullOrWhiteSpace(explicitToken))
        {
            return explicitToken.Trim();
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(TokenVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        var folder = ConfigurationPaths.StateDirectory(context.ConfigurationPath);
        return ApiAccess.ReadToken(folder)
            ?? throw new CliFailure($"no API token: pass --token, set {TokenVariable}, or start the host once so it writes {ApiAccess.TokenPath(folder)}");
    }
}
