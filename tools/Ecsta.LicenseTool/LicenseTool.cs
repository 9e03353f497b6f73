using System.Globalization;
using System.Security.Cryptography;
using Ecsta.Plugins.Licensing.Codes;

namespace Ecsta.LicenseTool;

/// <summary>
/// <c>ecsta-license</c>: creates the vendor key pair and issues license codes. The private key file is the
/// vendor's secret; it belongs on the vendor's machine, never in the repository.
/// </summary>
internal static class LicenseTool
{
    private const string Usage = """
        Usage:
          ecsta-license keygen --out private.pem [--force]
              Creates an ECDSA P-256 key pair, writes the private key (owner-only) and prints the public key
              (base64 SubjectPublicKeyInfo) for the plugin's built-in vendor key.
          ecsta-license certify --key vendor-private.pem --public-key BASE64
              Certifies another signing key with the vendor key and prints the entry for a host's
              licensing.trustedPublicKeys (PUBLICKEY.CERTIFICATION); an uncertified key there is ignored.
          ecsta-license pubkey --key private.pem
              Prints the public key of a private key file.
          ecsta-license issue --key private.pem --licensee "Name" --lines 50 [--expires 2027-12-31] [--id 0123456789ABCDEF] [--issued 2026-11-26]
              Prints a signed license code.
          ecsta-license verify --public-key BASE64 --code CODE
              Checks a code against a public key and prints its content.
        """;

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--force" };

    /// <summary>Runs one command; returns the process exit code (0 ok, 1 refused, 2 usage).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            var parsed = ToolArguments.Parse(args, Flags);
            return parsed.Verb switch
            {
                "keygen" => KeyGen(parsed, output, error),
                "pubkey" => PublicKey(parsed, output),
                "issue" => Issue(parsed, output, time),
                "verify" => Verify(parsed, output, error, time),
                "certify" => Certify(parsed, output),
                "help" or "--help" or "-h" => Help(output),
                _ => throw new ToolUsageException($"Unknown command '{parsed.Verb}'."),
            };
        }
        catch (ToolUsageException ex)
        {
            error.WriteLine(ex.Message);
            error.WriteLine(Usage);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            error.WriteLine($"ecsta-license: {ex.Message}");
            return 1;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }

    private static int KeyGen(ToolArguments args, TextWriter output, TextWriter error)
    {
        args.OnlyAllow("--out", "--force");
        var path = args.Required("--out");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        KeyFile.WritePrivate(path, key, overwrite: args.Has("--force"));
        error.WriteLine($"Private key written to {path}. Keep it secret and out of any repository.");
        error.WriteLine("Public key (base64 SubjectPublicKeyInfo):");
        output.WriteLine(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
        return 0;
    }

    private static int PublicKey(ToolArguments args, TextWriter output)
    {
        args.OnlyAllow("--key");
        using var key = KeyFile.ReadPrivate(args.Required("--key"));
        output.WriteLine(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
        return 0;
    }

    private static int Issue(ToolArguments args, TextWriter output, TimeProvider time)
    {
        args.OnlyAllow("--key", "--licensee", "--lines", "--expires", "--id", "--issued");
        var licensee = args.Required("--licensee").Trim();
        if (!int.TryParse(args.Required("--lines"), NumberStyles.None, CultureInfo.InvariantCulture, out var lines) || lines is < 1 or > ushort.MaxValue)
        {
            throw new ToolUsageException("--lines must be a whole number from 1 to 65535.");
        }

        var issued = args.Optional("--issued") is { } issuedText
            ? ParseDate("--issued", issuedText)
            : DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var expires = args.Optional("--expires") is { } expiresText ? ParseDate("--expires", expiresText) : (DateOnly?)null;
        var id = args.Optional("--id") is { } idText ? ParseId(idText) : LicenseCodeSigner.NewId();

        using var key = KeyFile.ReadPrivate(args.Required("--key"));
        output.WriteLine(LicenseCodeSigner.Issue(new LicenseCode(id, licensee, lines, issued, expires), key));
        return 0;
    }

    private static int Certify(ToolArguments args, TextWriter output)
    {
        args.OnlyAllow("--key", "--public-key");
        var publicKey = args.Required("--public-key");
        using (var check = ECDsa.Create())
        {
            try
            {
                check.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey.Trim()), out _);
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException)
            {
                throw new ToolUsageException("--public-key is not a base64 ECDSA P-256 SubjectPublicKeyInfo.");
            }
        }

        using var key = KeyFile.ReadPrivate(args.Required("--key"));
        output.WriteLine(SigningKeyCertificate.Certify(publicKey, key));
        return 0;
    }

    private static LicenseCodeVerifier OpenVerifier(string publicKey)
    {
        try
        {
            return new LicenseCodeVerifier(publicKey);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw new ToolUsageException("--public-key is not a base64 ECDSA P-256 SubjectPublicKeyInfo.");
        }
    }

    private static int Verify(ToolArguments args, TextWriter output, TextWriter error, TimeProvider time)
    {
        args.OnlyAllow("--public-key", "--code");
        using var verifier = OpenVerifier(args.Required("--public-key"));

        var check = verifier.Check(args.Required("--code"), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (check.Code is { } code && check.Refusal is CodeRefusal.None or CodeRefusal.Expired)
        {
            output.WriteLine($"id:       {code.IdText}");
            output.WriteLine($"licensee: {code.Licensee}");
            output.WriteLine($"lines:    {code.Lines}");
            output.WriteLine($"issued:   {code.IssuedOn:yyyy-MM-dd}");
            output.WriteLine($"expires:  {(code.ExpiresOn is { } e ? e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never")}");
        }

        if (check.Refusal == CodeRefusal.None)
        {
            output.WriteLine("valid");
            return 0;
        }

        error.WriteLine($"refused: {check.Refusal}{(check.Detail is null ? string.Empty : ": " + check.Detail)}");
        return 1;
    }

    private static DateOnly ParseDate(string name, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ToolUsageException($"{name} must be a date like 2027-12-31.");

    private static ulong ParseId(string text) =>
        text.Length == 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ToolUsageException("--id must be 16 hex digits.");
}
