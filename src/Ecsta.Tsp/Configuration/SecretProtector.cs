using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Ecsta.Tsp.Configuration;

/// <summary>
/// Protects passwords kept in the configuration with ASP.NET Core Data Protection; the key ring lives beside the
/// file in an owner-only folder.
/// </summary>
public sealed class SecretProtector
{
    private const string Purpose = "Ecsta.Configuration.Secrets.v1";
    private readonly IDataProtector _protector;
    private readonly string _keyRing;

    public SecretProtector(string keyRingDirectory)
    {
        _keyRing = keyRingDirectory;
        OwnerOnly.CreateDirectory(keyRingDirectory);
        _protector = CreateProvider(new DirectoryInfo(keyRingDirectory)).CreateProtector(Purpose);
    }

    /// <summary>
    /// The provider that <c>DataProtectionProvider.Create(directory, b => b.SetApplicationName("Ecsta"))</c> builds
    /// (Microsoft.AspNetCore.DataProtection.Extensions), composed here so that the core needs only the Data Protection
    /// package: keys persisted in <paramref name="keyRing"/>, the same application name, so existing rings still read.
    /// </summary>
    private static IDataProtectionProvider CreateProvider(DirectoryInfo keyRing)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().PersistKeysToFileSystem(keyRing).SetApplicationName("Ecsta");
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
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
