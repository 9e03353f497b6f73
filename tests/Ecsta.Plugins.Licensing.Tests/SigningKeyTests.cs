using System.Security.Cryptography;
using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Codes;
using Ecsta.Plugins.Licensing.Tests.Support;

namespace Ecsta.Plugins.Licensing.Tests;

/// <summary>
/// Licences cannot be self-issued by editing the configuration (issue 14, item 7): an extra signing key in
/// <c>licensing.trustedPublicKeys</c> counts only when the vendor key certified it.
/// </summary>
public sealed class SigningKeyTests : IDisposable
{
    private readonly LicensingBed _bed = new();
    private readonly ECDsa _other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private string OtherPublicKey => Convert.ToBase64String(_other.ExportSubjectPublicKeyInfo());

    public void Dispose()
    {
        _other.Dispose();
        _bed.Dispose();
    }

    [Fact]
    public void A_self_made_key_added_to_the_trusted_keys_licenses_nothing()
    {
        var pool = _bed.Open(trustedPublicKeys: [OtherPublicKey]);

        var result = pool.AddCode(_bed.Issue(500, key: _other));

        Assert.False(result.Accepted);
        Assert.Equal(LicenseMode.Trial, pool.GetStatus().Mode);
    }

    [Fact]
    public void A_key_certified_by_the_vendor_key_signs_codes_that_are_accepted()
    {
        var certified = SigningKeyCertificate.Certify(OtherPublicKey, _bed.Key);
        var pool = _bed.Open(trustedPublicKeys: [certified]);

        var result = pool.AddCode(_bed.Issue(40, key: _other));

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(40, pool.GetStatus().SeatsTotal);
    }

    [Fact]
    public void A_certification_made_by_another_key_or_for_another_key_is_refused()
    {
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var selfCertified = SigningKeyCertificate.Certify(OtherPublicKey, impostor);
        var swapped = OtherPublicKey + "." + SigningKeyCertificate.Certify(Convert.ToBase64String(impostor.ExportSubjectPublicKeyInfo()), _bed.Key).Split('.')[1];
        var refused = new List<string>();

        using var verifier = new LicenseCodeVerifier(_bed.PublicKey, [selfCertified, swapped, "not base64!"], (entry, _) => refused.Add(entry));

        Assert.Equal(1, verifier.KeyCount); // the vendor key alone
        Assert.Equal([selfCertified, swapped, "not base64!"], refused);
    }
}
