using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ecsta.Abstractions.Transports;
using Ecsta.Host.Tests.TestSupport;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Tests.Configuration;

/// <summary>The trusted-CA path is checked on save to be a PEM certificate file (issue 14, item 8).</summary>
public sealed class TrustedCaPathTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static InstanceConfiguration Instance(string ca) => new()
    {
        Name = "office",
        Mode = InstanceMode.Workstation,
        Host = "xsp.example.com",
        ConnectionType = ConnectionTypes.Https,
        User = "alice@example.com",
        Advanced = new AdvancedOptions { TrustedCaPath = ca },
    };

    [Fact]
    public void A_pem_certificate_is_accepted()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = new CertificateRequest("CN=Test CA", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = _temp.File("ca.pem");
        File.WriteAllText(path, ca.ExportCertificatePem());

        Assert.Empty(new ConfigurationValidator().Validate(Instance(path)));
    }

    [Theory]
    [InlineData("not a certificate\n", "holds no PEM certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n", "is not a readable PEM certificate file")]
    public void A_file_that_is_no_pem_certificate_is_refused_on_save(string content, string reason)
    {
        var path = _temp.File("ca.pem");
        File.WriteAllText(path, content);

        var error = Assert.Single(new ConfigurationValidator().Validate(Instance(path)));

        Assert.Equal("advanced.trustedCaPath", error.Field);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused_on_save()
    {
        var error = Assert.Single(new ConfigurationValidator().Validate(Instance(_temp.File("missing.pem"))));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
