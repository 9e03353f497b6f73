using System.Security.Cryptography;
using System.Text;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Api;

/// <summary>
/// The application API's access token: 32 random bytes (base64url), created on the first start, kept owner-only in
/// the file <c>api-token</c> in the state folder beside the configuration, read on later starts. Every WebSocket
/// connection presents it as <c>Authorization: Bearer TOKEN</c> or, for browsers, as the query <c>?access_token=TOKEN</c>.
/// The token is never logged.
/// </summary>
public sealed class ApiAccess
{
    /// <summary>The application token file's name.</summary>
    public const string TokenFileName = "api-token";

    /// <summary>
    /// The administrator token file's name: the dialog's credential, a different principal from the applications
    /// (never accepted on <c>/tapi</c>, while the application token is never accepted by the dialog).
    /// </summary>
    public const string AdminTokenFileName = "admin-token";

    /// <summary>The query parameter browsers use (they cannot set headers on a WebSocket).</summary>
    public const string QueryParameter = "access_token";

    private readonly byte[] _tokenHash;

    /// <summary>Uses <paramref name="token"/> as the token (tests, or a token the administrator chose).</summary>
    public ApiAccess(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        Token = token;
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>The token (for the start banner and the CLI; never log it).</summary>
    public string Token { get; }

    /// <summary>The token file this access was loaded from or created in, if any.</summary>
    public string? TokenFile { get; private init; }

    /// <summary>Whether <see cref="LoadOrCreate"/> created a new token.</summary>
    public bool Created { get; private init; }

    /// <summary>The token file <paramref name="fileName"/> (<c>api-token</c> by default) in <paramref name="stateDirectory"/>.</summary>
    public static string TokenPath(string stateDirectory, string fileName = TokenFileName) => Path.Combine(stateDirectory, fileName);

    /// <summary>
    /// Reads the token from <paramref name="fileName"/> (<c>api-token</c> by default) in <paramref name="stateDirectory"/>,
    /// or creates it (owner-only) when the file is missing or empty. The folder is created owner-only if needed.
    /// </summary>
    public static ApiAccess LoadOrCreate(string stateDirectory, string fileName = TokenFileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        var path = TokenPath(stateDirectory, fileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                OwnerOnly.RestrictFile(path);
                return new ApiAccess(existing) { TokenFile = path };
            }
        }

        if (!Directory.Exists(stateDirectory))
        {
            OwnerOnly.CreateDirectory(stateDirectory);
        }

        var token = NewToken();
        var temp = path + ".tmp";
        using (var stream = CreateOwnerOnly(temp))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(token);
            writer.Write('\n');
        }

        File.Move(temp, path, overwrite: true);
        OwnerOnly.RestrictFile(path);
        return new ApiAccess(token) { TokenFile = path, Created = true };
    }

    /// <summary>Reads a token file written by <see cref="LoadOrCreate"/>; <see langword="null"/> when it does not exist or is empty.</summary>
    public static string? ReadToken(string stateDirectory, string fileName = TokenFileName)
    {
        var path = TokenPath(stateDirectory, fileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var token = File.ReadAllText(path).Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>A new token: 32 random bytes, base64url without padding.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="presented"/> is the token, compared in constant time.</summary>
    public bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(hash, _tokenHash);
    }

    /// <summary>Checks a request: the bearer header first, then the query parameter.</summary>
    /// <returns><see langword="null"/> when it presents the token, else why not (without the token).</returns>
    public string? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = PresentedToken(request);
        if (presented is null)
        {
            return "no token presented";
        }

        return Matches(presented) ? null : "wrong token";
    }

    private static string? PresentedToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            const string Bearer = "Bearer ";
            return header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim() : "";
        }

        var query = request.Query[QueryParameter].ToString();
        return query.Length > 0 ? query : null;
    }

    private static FileStream CreateOwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
