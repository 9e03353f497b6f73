using System.Security.Cryptography;

namespace Ecsta.LicenseTool;

/// <summary>Reads and writes the vendor's private key as PKCS#8 PEM, owner-only on Unix.</summary>
internal static class KeyFile
{
    /// <summary>Writes the private key; refuses to replace an existing file unless <paramref name="overwrite"/>.</summary>
    public static void WritePrivate(string path, ECDsa key, bool overwrite)
    {
        var options = new FileStreamOptions
        {
            Mode = overwrite ? FileMode.Create : FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(new FileStream(path, options));
        writer.Write(key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Reads an ECDSA P-256 private key from a PEM file.</summary>
    public static ECDsa ReadPrivate(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new IOException($"The key file {path} does not exist.");
        }

        if (info.Length > 16 * 1024)
        {
            throw new IOException($"{path} is too large to be a key file.");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256)
            {
                throw new CryptographicException("The key is not an ECDSA P-256 key.");
            }

            _ = key.ExportParameters(includePrivateParameters: true);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
