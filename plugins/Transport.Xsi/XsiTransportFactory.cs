using System.Composition;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ecsta.Abstractions.Transports;
using Ecsta.Plugins.Transport.Xsi.Http;

namespace Ecsta.Plugins.Transport.Xsi;

/// <summary>The XSI transport (Xsi-Actions and Xsi-Events over HTTP or HTTPS).</summary>
[Export(typeof(ITransportFactory))]
public sealed class XsiTransportFactory : ITransportFactory
{
    /// <inheritdoc />
    public string Name => "XSI";

    /// <inheritdoc />
    public IReadOnlyList<string> ConnectionTypes { get; } = [Abstractions.Transports.ConnectionTypes.Http, Abstractions.Transports.ConnectionTypes.Https];

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(PlatformLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!ConnectionTypes.Contains(options.ConnectionType, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"The XSI transport serves http and https, not '{options.ConnectionType}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Host) || Uri.CheckHostName(options.Host.Trim()) == UriHostNameType.Unknown)
        {
            problems.Add($"'{options.Host}' is not a host name or address.");
        }

        if (options.Port is < 0 or > 65535)
        {
            problems.Add($"The port {options.Port} is not between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.UserId))
        {
            problems.Add("The user id is missing.");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            problems.Add("The password is missing.");
        }

        if (options.UrlPrefix.Any(c => char.IsWhiteSpace(c) || c is '?' or '#'))
        {
            problems.Add($"The URL prefix '{options.UrlPrefix}' may not contain spaces, '?' or '#'.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("The request timeout must be positive.");
        }

        if (options.Proxy is { } proxy && (!proxy.Address.IsAbsoluteUri || proxy.Address.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"The proxy '{proxy.Address}' must be an absolute http:// address (https traffic goes through it with CONNECT).");
        }

        ValidateTls(options, problems);
        XsiLinkSettings.Parse(options.Settings, problems);
        XsiLinkSettings.ReportUnknown(options.Settings, XsiLinkSettings.Keys, Name, problems);
        return problems;
    }

    private static void ValidateTls(PlatformLinkOptions options, List<string> problems)
    {
        if (options.TrustedCaPath is { Length: > 0 } path)
        {
            try
            {
                var cas = new X509Certificate2Collection();
                cas.ImportFromPemFile(path);
                if (cas.Count == 0)
                {
                    problems.Add($"The CA file '{path}' holds no PEM certificate.");
                }

                foreach (var ca in cas)
                {
                    ca.Dispose();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                problems.Add($"The CA file '{path}' cannot be read: {ex.Message}");
            }
        }

        if (options.PinnedCertificateSha256 is { Length: > 0 } pin && ServerCertificateValidator.ParsePin(pin) is null)
        {
            problems.Add("The pinned certificate thumbprint must be 64 hexadecimal digits (SHA-256).");
        }
    }

    /// <inheritdoc />
    public IPlatformLink Create(PlatformLinkOptions options, PlatformLinkContext context)
    {
        var problems = Validate(options);
        return problems.Count > 0
            ? throw new PlatformException(PlatformErrorKind.Configuration, string.Join(" ", problems))
            : new XsiPlatformLink(options, context);
    }
}
