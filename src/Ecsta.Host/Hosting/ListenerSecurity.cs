using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ecsta.Host.Cli;
using Ecsta.Host.Configuration;

namespace Ecsta.Host.Hosting;

/// <summary>
/// What the API listener may bind and with which certificate, decided before Kestrel starts: every <c>https://</c>
/// URL needs <c>api.certificatePath</c> and <c>api.certificateKeyPath</c> (PEM), loaded here so that a missing or bad
/// file is one line and exit 1; a URL that other machines can reach (any host but loopback) without TLS is refused
/// unless <c>--allow-insecure-remote</c> or <c>api.allowInsecureRemote</c> says it is meant; a malformed entry of
/// <c>api.allowedHosts</c> or <c>api.allowedOrigins</c> is refused the same way.
/// </summary>
internal sealed class ListenerSecurity : IDisposable
{
    private ListenerSecurity(IReadOnlyList<Uri> urls, X509Certificate2? certificate, IReadOnlyList<string> warnings)
    {
        Urls = urls;
        Certificate = certificate;
        Warnings = warnings;
    }

    /// <summary>The listener URLs as given.</summary>
    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>The server certificate with its key, when a URL is https.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Warnings to show at start (remote binds).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Checks <paramref name="urls"/> (';'-separated) against the API configuration.</summary>
    /// <exception cref="CliFailure">A URL is malformed, https without a usable certificate, or an insecure remote bind not allowed.</exception>
    public static ListenerSecurity Prepare(string urls, ApiConfiguration api, bool allowInsecureRemote)
    {
        ArgumentNullException.ThrowIfNull(api);
        if (ConfigurationValidator.ValidateApi(api) is { Count: > 0 } errors)
        {
            throw new CliFailure(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        var parsed = Parse(urls);
        var allowInsecure = allowInsecureRemote || api.AllowInsecureRemote;
        var warnings = new List<string>();
        foreach (var url in parsed.Where(u => !IsLoopback(u)))
        {
            if (url.Scheme == Uri.UriSchemeHttps)
            {
                warnings.Add($"the API listener {url} is reachable from other machines (TLS, API token required)");
            }
            else if (allowInsecure)
            {
                warnings.Add($"the API listener {url} is reachable from other machines WITHOUT TLS (allowed by --allow-insecure-remote / api.allowInsecureRemote): the API token and all call data travel in clear");
            }
            else
            {
                throw new CliFailure($"refusing to listen on {url} without TLS: other machines can reach it and the API token would travel in clear; use https:// with api.certificatePath and api.certificateKeyPath, bind to 127.0.0.1, or pass --allow-insecure-remote (api.allowInsecureRemote) if this is meant");
            }
        }

        var certificate = parsed.Any(u => u.Scheme == Uri.UriSchemeHttps) ? LoadCertificate(api) : null;
        return new ListenerSecurity(parsed, certificate, warnings);
    }

    /// <summary>Whether a listener URL's host is only reachable from this machine (loopback address or <c>localhost</c>).</summary>
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    private static List<Uri> Parse(string urls)
    {
        var parsed = new List<Uri>();
        foreach (var text in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards ("*", "+") are not URI hosts: they mean every address, as 0.0.0.0 does.
            var normalized = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new CliFailure($"listener URL '{text}' is not an http:// or https:// URL (e.g. https://127.0.0.1:5471)");
            }

            parsed.Add(uri);
        }

        return parsed.Count > 0 ? parsed : throw new CliFailure("no listener URL: set api.urls or --urls");
    }

    private static X509Certificate2 LoadCertificate(ApiConfiguration api)
    {
        if (string.IsNullOrWhiteSpace(api.CertificatePath) || string.IsNullOrWhiteSpace(api.CertificateKeyPath))
        {
            throw new CliFailure("an https:// listener needs api.certificatePath and api.certificateKeyPath (PEM certificate and private key) in the configuration");
        }

        foreach (var path in (string[])[api.CertificatePath, api.CertificateKeyPath])
        {
            if (!File.Exists(path))
            {
                throw new CliFailure($"cannot read the API listener's certificate: '{path}' does not exist");
            }
        }

        X509Certificate2 pem;
        try
        {
            pem = X509Certificate2.CreateFromPemFile(api.CertificatePath, api.CertificateKeyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new CliFailure($"cannot use the API listener's certificate '{api.CertificatePath}' with the key '{api.CertificateKeyPath}': {OneLine(ex.Message)}", ex);
        }

        using (pem)
        {
            if (pem.NotAfter < DateTime.Now)
            {
                throw new CliFailure($"the API listener's certificate '{api.CertificatePath}' ({pem.Subject}) expired on {pem.NotAfter:u}");
            }

            // A key from a PEM file is ephemeral; SslStream on some platforms needs it stored, hence the PKCS#12 round trip.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public void Dispose() => Certificate?.Dispose();
}
