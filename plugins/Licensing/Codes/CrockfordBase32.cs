namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>
/// Crockford's base32 (digits and letters without I, L, O, U), chosen because people type license codes:
/// decoding ignores case and reads I and L as 1 and O as 0. No padding; trailing bits must be zero.
/// </summary>
internal static class CrockfordBase32
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Encodes bytes, most significant bit first.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[((data.Length * 8) + 4) / 5];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[index++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
        {
            chars[index] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars);
    }

    /// <summary>
    /// Decodes symbols (no separators). Fails with a reason on a character outside the alphabet or on
    /// left-over bits that do not form a byte and are not zero (a code cut short).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] data, out string? error)
    {
        data = [];
        var output = new byte[text.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var value = ValueOf(text[i]);
            if (value < 0)
            {
                error = $"'{text[i]}' is not a valid character (symbol {i + 1})";
                return false;
            }

            buffer = ((buffer << 5) | value) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[index++] = (byte)(buffer >> bits);
            }
        }

        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0)
        {
            error = "the code is incomplete";
            return false;
        }

        data = output;
        error = null;
        return true;
    }

    private static int ValueOf(char c)
    {
        c = char.ToUpperInvariant(c);
        return c switch
        {
            'O' => 0,
            'I' or 'L' => 1,
            _ => Alphabet.IndexOf(c, StringComparison.Ordinal),
        };
    }
}
