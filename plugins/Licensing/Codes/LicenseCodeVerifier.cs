using System.Security.Cryptography;

namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>
/// Checks typed codes against the trusted vendor public keys: the built-in one plus those from the options.
/// Immutable after construction and safe to use from several threads.
/// </summary>
internal sealed class LicenseCodeVerifier : IDisposable
{
    private readonly List<ECDsa> _keys = [];

    /// <summary>Loads the keys; a key that cannot be read is skipped and reported through <paramref name="onBadKey"/>.</summary>
    public LicenseCodeVerifier(IEnumerable<string> publicKeysBase64, Action<string, Exception>? onBadKey = null)
    {
        ArgumentNullException.ThrowIfNull(publicKeysBase64);
        foreach (var key in publicKeysBase64)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                continue;
            }

            var ecdsa = ECDsa.Create();
            try
            {
                ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key.Trim()), out _);
                if (ecdsa.KeySize != 256)
                {
                    throw new CryptographicException("Only ECDSA P-256 keys sign license codes.");
                }

                _keys.Add(ecdsa);
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException)
            {
                ecdsa.Dispose();
                onBadKey?.Invoke(key, ex);
            }
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
