using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

/// <summary>Party information, origin, reason and disconnect modes (docs/tapi-mapping.md §1, §2).</summary>
internal static class PartyMapper
{
    /// <summary>The dialable part of a BroadWorks address (docs/tapi-mapping.md §2 "Number"), or empty.</summary>
    public static string RawNumber(PartyInfo party)
    {
        var value = !string.IsNullOrEmpty(party.Address) ? party.Address : party.UserDn;
        return StripAddress(value);
    }

    /// <summary>Strips <c>tel:</c> and <c>;params</c>; <c>sip:user@host</c> → <c>user</c> when dialable, else <c>user@host</c>.</summary>
    public static string StripAddress(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var v = value.Trim();
        var semi = v.IndexOf(';', StringComparison.Ordinal);
        if (v.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            v = v[4..];
            semi = v.IndexOf(';', StringComparison.Ordinal);
            return semi >= 0 ? v[..semi] : v;
        }

        if (v.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || v.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            v = v[(v.IndexOf(':', StringComparison.Ordinal) + 1)..];
            semi = v.IndexOf(';', StringComparison.Ordinal);
            if (semi >= 0) v = v[..semi];
            var at = v.IndexOf('@', StringComparison.Ordinal);
            if (at > 0 && IsDialable(v.AsSpan(0, at)))
            {
                return v[..at];
            }

            return v;
        }

        return semi >= 0 ? v[..semi] : v;
    }

    private static bool IsDialable(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiDigit(c) || c is '+' or '*' or '#'))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    /// <summary>A party id from a platform party, its number formatted in the given direction.</summary>
    public static PartyId Party(PartyInfo? party, INumberFormatter formatter, NumberDirection direction)
    {
        if (party is null)
        {
            return PartyId.Unknown;
        }

        if (party.Privacy)
        {
            return new PartyId(LineCallPartyId.BLOCKED, "", "");
        }

        var raw = RawNumber(party);
        var number = raw.Length == 0 ? "" : formatter.Format(direction, raw) ?? "";
        var name = party.Name ?? "";
        return Build(number, name);
    }

    /// <summary>The own line as a party, formatted in the given direction.</summary>
    public static PartyId OwnLine(TspLineSettings line, INumberFormatter formatter, NumberDirection direction)
    {
        var number = string.IsNullOrEmpty(line.Number) ? "" : formatter.Format(direction, line.Number) ?? "";
        return Build(number, line.Name);
    }

    /// <summary>A party from a number an application dialled (already formatted with the dial rules).</summary>
    public static PartyId Dialled(string number, INumberFormatter formatter) =>
        Build(formatter.Format(NumberDirection.Outgoing, StripAddress(number)) ?? "", "");

    private static PartyId Build(string number, string name)
    {
        LineCallPartyId flags = 0;
        if (number.Length > 0) flags |= LineCallPartyId.ADDRESS;
        if (name.Length > 0) flags |= LineCallPartyId.NAME;
        return flags == 0 ? PartyId.Unknown : new PartyId(flags, number, name);
    }

    /// <summary>dwOrigin of an incoming call by the remote party's callType.</summary>
    public static LineCallOrigin Origin(string? callType) => callType switch
    {
        "Group" or "Enterprise" or "City-Wide Centrex" or "Private Dial Plan" => LineCallOrigin.INTERNAL,
        "Network" or "Emergency" => LineCallOrigin.EXTERNAL,
        _ => LineCallOrigin.INBOUND,
    };

    /// <summary>dwReason of an incoming call by its newest redirection.</summary>
    public static LineCallReason Reason(IReadOnlyList<Redirection> redirections)
    {
        if (redirections.Count == 0)
        {
            return LineCallReason.DIRECT;
        }

        return redirections[0].Reason switch
        {
            "user-busy" => LineCallReason.FWDBUSY,
            "no-answer" => LineCallReason.FWDNOANSWER,
            "unconditional" => LineCallReason.FWDUNCOND,
            "deflection" => LineCallReason.REDIRECT,
            "transfer" => LineCallReason.TRANSFER,
            "unknown" => LineCallReason.UNKNOWN,
            _ => LineCallReason.REDIRECT,
        };
    }

    /// <summary>LINEDISCONNECTMODE_* for an <c>internalReleaseCause</c> (docs/tapi-mapping.md §1); NORMAL when none.</summary>
    public static LineDisconnectMode DisconnectMode(ReleaseCause? cause) => cause?.InternalReleaseCause switch
    {
        null or "" => LineDisconnectMode.NORMAL,
        "Busy" => LineDisconnectMode.BUSY,
        "Global Failure" => LineDisconnectMode.REJECT,
        "Translation Failure" or "User Not Found" => LineDisconnectMode.BADADDRESS,
        "Routing Failure" => LineDisconnectMode.UNREACHABLE,
        "Request Timeout" => LineDisconnectMode.NOANSWER,
        "Temporarily Unavailable" => LineDisconnectMode.TEMPFAILURE,
        "Forbidden" or "Insufficient Credits" => LineDisconnectMode.BLOCKED,
        "Request Failure" or "Server Failure" or "Dial Tone Timeout" => LineDisconnectMode.UNAVAIL,
        _ => LineDisconnectMode.UNKNOWN,
    };
}
