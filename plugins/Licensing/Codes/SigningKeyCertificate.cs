using System.Security.Cryptography;
using System.Text;

namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>
/// An extra license-signing key is trusted only when the vendor key certified it: the configuration's
/// <c>licensing.trustedPublicKeys</c> holds <c>PUBLICKEY.CERTIFICATION</c>, where CERTIFICATION is the vendor key's
/// ECDSA P-256 signature (base64, IEEE P1363) over a fixed context and the key's SubjectPublicKeyInfo. Anyone can edit
/// the configuration file; nobody without the vendor's private key can add a key that licenses lines.
/// </summary>
internal static class SigningKeyCertificate
{
    private static readonly byte[] Context = Encoding.ASCII.GetBytes("ecsta-license-signing-key-v1\n");

    /// <summary>The configuration entry for <paramref name="publicKeyBase64"/>, certified by <paramref name="vendorKey"/>.</summary>
    public static string Certify(string publicKeyBase64, ECDsa vendorKey)
    {
        ArgumentNullException.ThrowIfNull(vendorKey);
        var key = Convert.FromBase64String(publicKeyBase64.Trim());
        var signature = vendorKey.SignData(Signed(key), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Convert.ToBase64String(key) + "." + Convert.ToBase64String(signature);
    }

    /// <summary>The key's SubjectPublicKeyInfo when <paramref name="entry"/> carries a valid certification by <paramref name="vendorKey"/>.</summary>
    /// <exception cref="CryptographicException">The entry is not certified, or not by this vendor key.</exception>
    /// <exception cref="FormatException">A part is not base64.</exception>
    public static byte[] Open(string entry, ECDsa vendorKey)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(vendorKey);
        var dot = entry.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            throw new CryptographicException("the key is not certified by the vendor key (expected PUBLICKEY.CERTIFICATION from `ecsta-license certify`)");
        }

        var key = Convert.FromBase64String(entry[..dot].Trim());
        var signature = Convert.FromBase64String(entry[(dot + 1)..].Trim());
        if (!vendorKey.VerifyData(Signed(key), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new CryptographicException("the key's certification is not the vendor key's signature");
        }

        return key;
    }

    private static byte[] Signed(byte[] key) => [.. Context, .. key];
}
