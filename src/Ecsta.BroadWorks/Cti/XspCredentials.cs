using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Ecsta.BroadWorks.Cti;

/// <summary>The <c>credentials</c> of a request: base64 of UTF-8 <c>userId:password</c>, as in HTTP Basic authentication.</summary>
public static class XspCredentials
{
    /// <summary>Encodes a user id and password.</summary>
    /// <param name="userId">The user id (must not contain <c>:</c>).</param>
    /// <param name="password">The password.</param>
    /// <returns>The base64 text.</returns>
    public static string Encode(string userId, string password)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(password);
        if (userId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A user id must not contain ':'.", nameof(userId));
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes(userId + ":" + password));
    }

    /// <summary>Decodes credentials.</summary>
    /// <param name="credentials">The base64 text.</param>
    /// <param name="userId">The user id.</param>
    /// <param name="password">The password.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryDecode(string? credentials, [NotNullWhen(true)] out string? userId, [NotNullWhen(true)] out string? password)
    {
        userId = null;
        password = null;
        if (string.IsNullOrEmpty(credentials))
        {
            return false;
        }

        var buffer = new byte[credentials.Length];
        if (!Convert.TryFromBase64String(credentials, buffer, out var length))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        userId = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }
}
