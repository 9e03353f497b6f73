using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Net;

namespace Ecsta.BroadWorks.Link;

/// <summary>
/// The checks of <see cref="PlatformLinkOptions"/> both transports make, one sentence per problem: where the XSP is and
/// who logs in (host, port, user, password, URL prefix, request timeout), and how its certificate is trusted (CA file,
/// pin). What only one transport checks (connection type, proxy, its own settings) is the transport's.
/// </summary>
public static class LinkOptionsValidation
{
    /// <summary>Host, port, user id, password, URL prefix and request timeout.</summary>
    public static void CheckEndpoint(PlatformLinkOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
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
    }

    /// <summary>The CA file holds at least one readable PEM certificate; the pin is a SHA-256 thumbprint.</summary>
    public static void CheckTls(PlatformLinkOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
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
}
