using System.Security.Cryptography;

namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>
/// Checks typed codes against the trusted public keys: the vendor key, plus extra signing keys from the options that
/// the vendor key certified (<see cref="SigningKeyCertificate"/>). Immutable after construction and safe to use from
/// several threads.
/// </summary>
internal sealed class LicenseCodeVerifier : IDisposable
{
    private readonly List<ECDsa> _keys = [];

    /// <summary>
    /// Loads the vendor key and the certified extra keys; an extra key that cannot be read or is not certified by the
    /// vendor key is skipped and reported through <paramref name="onBadKey"/>.
    /// </summary>
    /// <exception cref="CryptographicException">The vendor key itself cannot be read.</exception>
    /// <exception cref="FormatException">The vendor key is not base64.</exception>
    public LicenseCodeVerifier(string vendorKeyBase64, IEnumerable<string>? certifiedKeys = null, Action<string, Exception>? onBadKey = null)
    {
        ArgumentNullException.ThrowIfNull(vendorKeyBase64);
        var vendor = Import(Convert.FromBase64String(vendorKeyBase64.Trim()));
        _keys.Add(vendor);
        foreach (var entry in certifiedKeys ?? [])
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            try
            {
                _keys.Add(Import(SigningKeyCertificate.Open(entry, vendor)));
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException)
            {
                onBadKey?.Invoke(entry, ex);
            }
        }
    }

    private static ECDsa Import(byte[] subjectPublicKeyInfo)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            if (ecdsa.KeySize != 256)
            {
                throw new CryptographicException("Only ECDSA P-256 keys sign license codes.");
            }

            return ecdsa;
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>How many keys were loaded.</summary>
    public int KeyCount => _keys.Count;

    /// <summary>Decodes and verifies a code; expiry is judged on <paramref name="today"/>.</summary>
    public CodeCheck Check(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!LicenseCodeText.TryParse(text, out var payload, out var signature, out var formatError))
        {
            return new CodeCheck(CodeRefusal.WrongFormat, formatError, null, null);
        }

        if (!LicenseCode.TryParse(payload, out var code, out var payloadError))
        {
            return new CodeCheck(CodeRefusal.WrongFormat, payloadError, null, null);
        }

        var verified = false;
        foreach (var key in _keys)
        {
            if (key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                verified = true;
                break;
            }
        }

        if (!verified)
        {
            return new CodeCheck(CodeRefusal.BadSignature, null, null, null);
        }

        var normalized = LicenseCodeText.Format(payload, signature);
        return code!.IsValidOn(today)
            ? new CodeCheck(CodeRefusal.None, null, code, normalized)
            : new CodeCheck(CodeRefusal.Expired, null, code, normalized);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }

        _keys.Clear();
    }
}
