using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ecsta.BroadWorks.Link.Net;

/// <summary>
/// Validates the XSP's certificate: the system store decides first; a certificate the system does not trust is
/// accepted only when it chains to the configured CA (<c>TrustedCaPath</c>, PEM) with a matching name, or when its
/// SHA-256 equals the pinned thumbprint. Never a blanket accept.
/// </summary>
public sealed class ServerCertificateValidator : IDisposable
{
    private readonly X509Certificate2Collection _trustedCas;
    private readonly byte[]? _pin;
    private readonly string? _trustedCaPath;
    private string? _lastRefusal;

    public ServerCertificateValidator(string? trustedCaPath, string? pinnedSha256)
    {
        _trustedCaPath = string.IsNullOrWhiteSpace(trustedCaPath) ? null : trustedCaPath;
        _trustedCas = [];
        if (!string.IsNullOrWhiteSpace(trustedCaPath))
        {
            _trustedCas.ImportFromPemFile(trustedCaPath);
        }

        _pin = string.IsNullOrWhiteSpace(pinnedSha256) ? null : ParsePin(pinnedSha256);
    }

    /// <summary>Parses a hex SHA-256 thumbprint (colons and spaces allowed); null when it is not one.</summary>
    public static byte[]? ParsePin(string text)
    {
        var hex = new string([.. text.Where(c => c is not (':' or ' ' or '-'))]);
        if (hex.Length != 64)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Why the last refused certificate was refused (subject, issuer, reason); null when none was.</summary>
    public string? LastRefusal => Volatile.Read(ref _lastRefusal);

    /// <summary>Decides on a server certificate; a refusal is described in <see cref="LastRefusal"/>.</summary>
    public bool Validate(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (Accepts(certificate, chain, errors))
        {
            return true;
        }

        Volatile.Write(ref _lastRefusal, DescribeRefusal(certificate, chain, errors));
        return false;
    }

    private bool Accepts(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        if (_pin is not null)
        {
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.RawData), _pin);
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || _trustedCas.Count == 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trustedCas);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(certificate);
    }

    /// <summary>Words for a refused server certificate: the subject and why (name, chain status, pin).</summary>
    private string DescribeRefusal(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return "the server sent no certificate";
        }

        var subject = certificate.Subject;
        if (_pin is not null)
        {
            return $"'{subject}' does not match the pinned SHA-256 thumbprint";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"'{subject}' is not issued for the host name (name mismatch)";
        }

        var status = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray() ?? [];
        var trust = _trustedCaPath is null
            ? "the system store"
            : $"the system store nor the configured CA file '{_trustedCaPath}'";
        return $"'{subject}' (issuer '{certificate.Issuer}') is trusted by neither {trust}"
            + (status.Length > 0 ? $" (chain: {string.Join(", ", status)})" : string.Empty);
    }

    public void Dispose()
    {
        foreach (var ca in _trustedCas)
        {
            ca.Dispose();
        }
    }
}
