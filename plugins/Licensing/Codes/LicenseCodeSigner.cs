using System.Security.Cryptography;

namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>Signs license codes with a vendor's ECDSA P-256 private key (used by the issuing tool and tests).</summary>
internal static class LicenseCodeSigner
{
    /// <summary>Signs <paramref name="code"/> and returns its typed form.</summary>
    public static string Issue(LicenseCode code, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.KeySize != 256)
        {
            throw new ArgumentException("License codes are signed with an ECDSA P-256 key.", nameof(privateKey));
        }

        var payload = code.ToPayload();
        var signature = privateKey.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return LicenseCodeText.Format(payload, signature);
    }

    /// <summary>A random 8-byte code id.</summary>
    public static ulong NewId() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
}
