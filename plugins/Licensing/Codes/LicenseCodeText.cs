using System.Text;

namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>
/// The typed form of a code: <c>ECSTA1-</c> followed by Crockford base32 of payload and signature in
/// dash-separated groups of five. Reading ignores case, spaces and dashes inside the body.
/// </summary>
internal static class LicenseCodeText
{
    /// <summary>The prefix naming the format version.</summary>
    public const string Prefix = "ECSTA1-";

    /// <summary>Length of an IEEE P1363 ECDSA P-256 signature.</summary>
    public const int SignatureLength = 64;

    /// <summary>Longest text accepted before decoding is attempted (bounds the work on hostile input).</summary>
    public const int MaxLength = 400;

    private const int GroupSize = 5;

    /// <summary>Formats payload and signature as a code.</summary>
    public static string Format(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        var bytes = new byte[payload.Length + signature.Length];
        payload.CopyTo(bytes);
        signature.CopyTo(bytes.AsSpan(payload.Length));
        var symbols = CrockfordBase32.Encode(bytes);
        var text = new StringBuilder(Prefix, Prefix.Length + symbols.Length + (symbols.Length / GroupSize));
        for (var i = 0; i < symbols.Length; i += GroupSize)
        {
            if (i > 0)
            {
                text.Append('-');
            }

            text.Append(symbols.AsSpan(i, Math.Min(GroupSize, symbols.Length - i)));
        }

        return text.ToString();
    }

    /// <summary>Splits a typed code into payload and signature; on failure says what is wrong with the format.</summary>
    public static bool TryParse(string text, out byte[] payload, out byte[] signature, out string? error)
    {
        payload = [];
        signature = [];
        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength)
        {
            error = "the text is too long to be a license code";
            return false;
        }

        if (!trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            error = trimmed.StartsWith("ECSTA", StringComparison.OrdinalIgnoreCase)
                ? "this code version is not supported"
                : $"a license code starts with {Prefix}";
            return false;
        }

        var body = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed.AsSpan(Prefix.Length))
        {
            if (c != '-' && !char.IsWhiteSpace(c))
            {
                body.Append(c);
            }
        }

        if (!CrockfordBase32.TryDecode(body.ToString(), out var bytes, out error))
        {
            return false;
        }

        if (bytes.Length < LicenseCode.FixedLength + SignatureLength
            || bytes.Length != LicenseCode.FixedLength + bytes[15] + SignatureLength)
        {
            error = "the code is incomplete";
            return false;
        }

        payload = bytes[..^SignatureLength];
        signature = bytes[^SignatureLength..];
        return true;
    }
}
