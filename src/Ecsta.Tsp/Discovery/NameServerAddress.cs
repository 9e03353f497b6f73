using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ecsta.Tsp.Discovery;

/// <summary>
/// One entry of <c>dns.nameServers</c>: an IP address with an optional port (<c>192.0.2.53</c>, <c>192.0.2.53:5353</c>,
/// <c>2001:db8::53</c>, <c>[2001:db8::53]:5353</c>); port 53 when none is given. Names are refused: a name server
/// that has to be looked up first could not be the one that looks names up.
/// </summary>
internal static class NameServerAddress
{
    public const int DefaultPort = 53;

    /// <summary>What an entry looks like, for error messages.</summary>
    public const string Examples = "e.g. 192.0.2.53, 192.0.2.53:5353, 2001:db8::53 or [2001:db8::53]:5353";

    /// <summary>Parses one entry; <paramref name="problem"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPEndPoint? endPoint, [NotNullWhen(false)] out string? problem)
    {
        endPoint = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "is empty (an IP address with an optional port is needed)";
            return false;
        }

        var (address, port) = Split(text);
        if (address is null || !TryParseAddress(address, out var ip))
        {
            problem = $"'{text}' is not an IP address with an optional port ({Examples})";
            return false;
        }

        var number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            problem = $"'{text}': the port must be a number from 1 to 65535";
            return false;
        }

        endPoint = new IPEndPoint(ip, number);
        return true;
    }

    /// <summary>Parses an entry that is known to be good (validated before); throws with the problem otherwise.</summary>
    public static IPEndPoint Parse(string text) =>
        TryParse(text, out var endPoint, out var problem) ? endPoint : throw new ArgumentException($"name server {problem}", nameof(text));

    /// <summary><c>[v6]:port</c>, <c>[v6]</c>, <c>v6</c> (two colons or more), <c>v4:port</c>, <c>v4</c>; null address when malformed.</summary>
    private static (string? Address, string? Port) Split(string text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return (null, null);
            }

            var rest = text[(close + 1)..];
            return rest.Length == 0 ? (text[1..close], null) : rest.StartsWith(':') ? (text[1..close], rest[1..]) : (null, null);
        }

        var colons = text.Count(c => c == ':');
        if (colons == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return (text[..colon], text[(colon + 1)..]);
        }

        return (text, null);
    }

    /// <summary>A dotted quad of four parts (IPAddress alone takes "1" for 0.0.0.1) or an IPv6 address.</summary>
    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var parts = text.Split('.');
        return parts.Length == 4
            && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit))
            && IPAddress.TryParse(text, out address)
            && address.AddressFamily == AddressFamily.InterNetwork;
    }
}
