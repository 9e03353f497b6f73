using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Ecsta.Host.Configuration;

/// <summary>
/// Protects passwords kept in the configuration with ASP.NET Core Data Protection; the key ring lives beside the
/// file in an owner-only folder.
/// </summary>
internal sealed class SecretProtector
{
    private const string Purpose = "Ecsta.Configuration.Secrets.v1";
    private readonly IDataProtector _protector;
    private readonly string _keyRing;

    public SecretProtector(string keyRingDirectory)
    {
        _keyRing = keyRingDirectory;
        OwnerOnly.CreateDirectory(keyRingDirectory);
        var provider = DataProtectionProvider.Create(new DirectoryInfo(keyRingDirectory), builder => builder.SetApplicationName("Ecsta"));
        _protector = provider.CreateProtector(Purpose);
    }

    public string Protect(string secret)
    {
        var result = _protector.Protect(secret);
        OwnerOnly.RestrictDirectoryTree(_keyRing);
        return result;
    }

    /// <summary>Reveals a protected secret; throws <see cref="ConfigurationException"/> when the key ring cannot read it.</summary>
    public string Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException ex)
        {
            throw new ConfigurationException($"a stored password cannot be read with the key ring in {_keyRing} ({ex.Message}); set the password again", ex);
        }
    }
}
