using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ecsta.Simulator.Tls;

/// <summary>
/// The TLS identity of the simulator: a self-signed CA and a server certificate for 127.0.0.1,
/// ::1 and localhost signed by it, generated at start (or given). Clients trust <see cref="CaPem"/>
/// and keep validation on.
/// </summary>
public sealed class SimulatorCertificates : IDisposable
{
    private SimulatorCertificates(X509Certificate2 ca, X509Certificate2 server)
    {
        CaCertificate = ca;
        ServerCertificate = server;
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The CA certificate in PEM, for clients to trust.</summary>
    public string CaPem => CaCertificate.ExportCertificatePem();

    /// <summary>The server certificate in PEM (public part).</summary>
    public string ServerCertificatePem => ServerCertificate.ExportCertificatePem();

    /// <summary>Uses a given server certificate (with private key) and its issuing CA.</summary>
    public static SimulatorCertificates FromGiven(X509Certificate2 serverCertificate, X509Certificate2 caCertificate)
    {
        ArgumentNullException.ThrowIfNull(serverCertificate);
        ArgumentNullException.ThrowIfNull(caCertificate);
        return serverCertificate.HasPrivateKey
            ? new SimulatorCertificates(caCertificate, serverCertificate)
            : throw new ArgumentException("The server certificate needs its private key.", nameof(serverCertificate));
    }

    /// <summary>Generates a CA and a server certificate valid for a week.</summary>
    public static SimulatorCertificates Generate(TimeProvider? timeProvider = null)
    {
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Ecsta Simulator CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var caWithKey = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        using var serverPublic = serverRequest.Create(caWithKey, now.AddDays(-1), now.AddDays(7), serial);
        using var serverWithKey = serverPublic.CopyWithPrivateKey(serverKey);

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        var server = X509CertificateLoader.LoadPkcs12(serverWithKey.Export(X509ContentType.Pkcs12), null);
        var ca = X509CertificateLoader.LoadCertificate(caWithKey.Export(X509ContentType.Cert));
        return new SimulatorCertificates(ca, server);
    }

    /// <summary>
    /// Validates a server certificate against this CA only (validation stays on): use as
    /// <c>RemoteCertificateValidationCallback</c> or <c>ServerCertificateCustomValidationCallback</c>.
    /// </summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors) => ValidateAgainst(CaCertificate, certificate, errors);

    /// <summary>Validates a server certificate against the given CA (custom root trust, name errors refused).</summary>
    public static bool ValidateAgainst(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        CaCertificate.Dispose();
        ServerCertificate.Dispose();
    }
}
