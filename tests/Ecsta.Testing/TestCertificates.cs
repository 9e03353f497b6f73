using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ecsta.Testing;

/// <summary>Certificates made by a test for TLS refusals.</summary>
public static class TestCertificates
{
    /// <summary>A CA certificate (PEM) that signed nothing a server presents: trusting it must not make a server trusted.</summary>
    public static string UnrelatedCaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Some Other CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return ca.ExportCertificatePem();
    }
}
