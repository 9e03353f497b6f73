using System.Security.Cryptography;
using System.Text;

namespace Ecsta.Plugins.Licensing.State;

/// <summary>
/// The keyed hash that makes an edit of the state or marker file evident. The key is in the (open) source:
/// this detects accidental or casual edits, it does not stop someone who reads the code.
/// </summary>
internal static class StateMac
{
    private static readonly byte[] Key = SHA256.HashData(Encoding.UTF8.GetBytes("Ecsta license state v1: tamper evidence, not secrecy"));

    /// <summary>The MAC of the fields, joined unambiguously.</summary>
    public static string Compute(string purpose, params string?[] fields)
    {
        var text = new StringBuilder(purpose);
        foreach (var field in fields)
        {
            var value = field ?? "\u2400";
            text.Append('\u241E').Append(value.Length).Append(':').Append(value);
        }

        return Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Whether <paramref name="mac"/> matches the fields, compared in constant time.</summary>
    public static bool Verify(string? mac, string purpose, params string?[] fields)
    {
        if (mac is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(purpose, fields));
        var actual = Encoding.ASCII.GetBytes(mac);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
