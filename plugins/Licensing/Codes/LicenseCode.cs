using System.Buffers.Binary;
using System.Text;

namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>
/// The signed content of a license code. Binary layout (big-endian):
/// version (1 byte) · id (8) · issue day (uint16, days since 2000-01-01) · expiry day (uint16, 0 = none) ·
/// lines (uint16) · licensee length (1) · licensee UTF-8.
/// </summary>
/// <param name="Id">Unique id, 8 bytes, shown as 16 hex digits.</param>
/// <param name="Licensee">Who the code was issued to.</param>
/// <param name="Lines">Lines the code unlocks (1..65535).</param>
/// <param name="IssuedOn">Issue date.</param>
/// <param name="ExpiresOn">Last day on which the code counts, if it expires.</param>
internal sealed record LicenseCode(ulong Id, string Licensee, int Lines, DateOnly IssuedOn, DateOnly? ExpiresOn)
{
    /// <summary>The payload version this build reads and writes.</summary>
    public const byte Version = 1;

    /// <summary>Longest licensee in UTF-8 bytes.</summary>
    public const int MaxLicenseeBytes = 100;

    /// <summary>Payload bytes before the licensee text.</summary>
    public const int FixedLength = 16;

    private static readonly DateOnly Epoch = new(2000, 1, 1);

    /// <summary>The id as 16 hex digits, as shown to users.</summary>
    public string IdText => Id.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the code counts on <paramref name="today"/> (the expiry day itself still counts).</summary>
    public bool IsValidOn(DateOnly today) => ExpiresOn is not { } expires || today <= expires;

    /// <summary>The binary payload that is signed.</summary>
    public byte[] ToPayload()
    {
        Validate();
        var licensee = Encoding.UTF8.GetBytes(Licensee);
        var payload = new byte[FixedLength + licensee.Length];
        payload[0] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(1), Id);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(9), ToDay(IssuedOn));
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(11), ExpiresOn is { } e ? ToDay(e) : (ushort)0);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(13), (ushort)Lines);
        payload[15] = (byte)licensee.Length;
        licensee.CopyTo(payload, FixedLength);
        return payload;
    }

    /// <summary>Reads a payload whose length is already known to match its licensee length byte.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out LicenseCode? code, out string? error)
    {
        code = null;
        if (payload.Length < FixedLength || payload.Length != FixedLength + payload[15])
        {
            error = "the code is incomplete";
            return false;
        }

        if (payload[0] != Version)
        {
            error = $"unsupported code version {payload[0]}";
            return false;
        }

        var issueDay = BinaryPrimitives.ReadUInt16BigEndian(payload[9..]);
        var expiryDay = BinaryPrimitives.ReadUInt16BigEndian(payload[11..]);
        var lines = BinaryPrimitives.ReadUInt16BigEndian(payload[13..]);
        if (lines == 0)
        {
            error = "the code unlocks no lines";
            return false;
        }

        string licensee;
        try
        {
            licensee = new UTF8Encoding(false, true).GetString(payload[FixedLength..]);
        }
        catch (DecoderFallbackException)
        {
            error = "the licensee is not valid text";
            return false;
        }

        code = new LicenseCode(
            BinaryPrimitives.ReadUInt64BigEndian(payload[1..]),
            licensee,
            lines,
            Epoch.AddDays(issueDay),
            expiryDay == 0 ? null : Epoch.AddDays(expiryDay));
        error = null;
        return true;
    }

    private void Validate()
    {
        if (Lines is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(Lines), Lines, "A code unlocks 1 to 65535 lines.");
        }

        if (string.IsNullOrWhiteSpace(Licensee) || Encoding.UTF8.GetByteCount(Licensee) > MaxLicenseeBytes)
        {
            throw new ArgumentException($"The licensee must be 1 to {MaxLicenseeBytes} UTF-8 bytes.", nameof(Licensee));
        }

        if (ExpiresOn is { } expires && expires < IssuedOn)
        {
            throw new ArgumentException("A code cannot expire before it is issued.", nameof(ExpiresOn));
        }

        _ = ToDay(IssuedOn);
        _ = ExpiresOn is { } e ? ToDay(e) : 0;
    }

    private static ushort ToDay(DateOnly date)
    {
        var days = date.DayNumber - Epoch.DayNumber;
        return days is >= 1 and <= ushort.MaxValue
            ? (ushort)days
            : throw new ArgumentOutOfRangeException(nameof(date), date, "Dates must lie between 2000-01-02 and 2179.");
    }
}
