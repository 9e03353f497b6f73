using System.Globalization;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Cti;

/// <summary>
/// Timers and limits of one CTI link, read from <see cref="PlatformLinkOptions.Settings"/>. The keys both transports
/// share (backoff, expiries, snapshot concurrency, directory, event capacity, applicationId) are parsed by
/// <see cref="LinkSettings"/> and mean the same as over XSI; the CTI keys are the keepalive and the side channel's port.
/// </summary>
internal sealed record CtiLinkSettings
{
    public const string KeepaliveSecondsKey = "ctiKeepaliveSeconds";
    public const string KeepaliveMissesKey = "ctiKeepaliveMisses";
    public const string HttpPortKey = "httpPort";
    public const string CredentialsEveryRequestKey = "ctiCredentialsOnEveryRequest";

    /// <summary>Every key this transport understands: the shared ones and its own.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [.. LinkSettings.Keys, KeepaliveSecondsKey, KeepaliveMissesKey, HttpPortKey, CredentialsEveryRequestKey];

    /// <summary>The shared settings (same names and meaning as over XSI).</summary>
    public required LinkSettings Shared { get; init; }

    /// <summary>
    /// Period of the keepalive (and of the channel heartbeat sent with it). 15 s by default: half of BroadWorks' usual
    /// 30 s eventTimeout, which ends a channel without heartbeat.
    /// </summary>
    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How many keepalive periods in a row may pass unanswered before the link counts as lost.</summary>
    public int KeepaliveMisses { get; init; } = 2;

    /// <summary>The side channel's HTTP(S) port; null = 80 for <c>cti</c>, 443 for <c>ctis</c>.</summary>
    public int? HttpPort { get; init; }

    /// <summary>Whether every request carries the credentials (default: only the first request of a connection).</summary>
    public bool CredentialsOnEveryRequest { get; init; }

    /// <summary>Reads the settings; <paramref name="problems"/> gets one sentence per bad value.</summary>
    public static CtiLinkSettings Parse(IReadOnlyDictionary<string, string> settings, List<string> problems)
    {
        var result = new CtiLinkSettings { Shared = LinkSettings.Parse(settings, problems) };
        if (settings.TryGetValue(KeepaliveSecondsKey, out var keepalive))
        {
            if (double.TryParse(keepalive, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0.05 and <= 600)
            {
                result = result with { KeepaliveInterval = TimeSpan.FromSeconds(seconds) };
            }
            else
            {
                problems.Add($"Setting {KeepaliveSecondsKey} must be a number of seconds from 0.05 to 600, not '{keepalive}'.");
            }
        }

        var misses = LinkSettings.Int(settings, KeepaliveMissesKey, result.KeepaliveMisses, 1, 20, problems);

        // 0 is no valid port: it stands for "not set" (the default by connection type).
        var port = LinkSettings.Int(settings, HttpPortKey, 0, 1, 65535, problems);
        result = result with { KeepaliveMisses = misses, HttpPort = port == 0 ? null : port };

        if (settings.TryGetValue(CredentialsEveryRequestKey, out var every))
        {
            if (bool.TryParse(every, out var value))
            {
                result = result with { CredentialsOnEveryRequest = value };
            }
            else
            {
                problems.Add($"Setting {CredentialsEveryRequestKey} must be true or false, not '{every}'.");
            }
        }

        return result;
    }
}
