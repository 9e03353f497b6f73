using System.Globalization;
using Ecsta.Abstractions.Transports;

namespace Ecsta.BroadWorks.Link;

/// <summary>
/// Timers and limits both transports share, read from <see cref="PlatformLinkOptions.Settings"/> (names below, values in
/// milliseconds or counts). Defaults follow docs/broadworks.md §4.1: heartbeat every 15 s, expiry 3600 s requested.
/// </summary>
public sealed record LinkSettings
{
    public const string HeartbeatIntervalKey = "heartbeatIntervalMs";
    public const string BackoffInitialKey = "reconnectInitialDelayMs";
    public const string BackoffMaxKey = "reconnectMaxDelayMs";
    public const string ChannelExpiresKey = "channelExpiresSeconds";
    public const string SubscriptionExpiresKey = "subscriptionExpiresSeconds";
    public const string SnapshotConcurrencyKey = "snapshotConcurrency";
    public const string DirectoryPageSizeKey = "directoryPageSize";
    public const string DirectoryUserIdKey = "directoryUserId";
    public const string EventCapacityKey = "eventCapacity";
    public const string ApplicationIdKey = "applicationId";

    /// <summary>Every shared key (all the XSI transport understands; the CTI transport adds its own).</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        HeartbeatIntervalKey, BackoffInitialKey, BackoffMaxKey, ChannelExpiresKey, SubscriptionExpiresKey,
        SnapshotConcurrencyKey, DirectoryPageSizeKey, DirectoryUserIdKey, EventCapacityKey, ApplicationIdKey,
    ];

    /// <summary>
    /// One problem per setting the transport does not know (a typo would otherwise be ignored silently), naming the
    /// known ones.
    /// </summary>
    public static void ReportUnknown(IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<string> known, string transport, List<string> problems)
    {
        foreach (var name in settings.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            problems.Add($"Setting '{name}' is not known to the {transport} transport (known: {string.Join(", ", known.Order(StringComparer.Ordinal))}).");
        }
    }

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    public int ChannelExpiresSeconds { get; init; } = 3600;

    public int SubscriptionExpiresSeconds { get; init; } = 3600;

    public int SnapshotConcurrency { get; init; } = 8;

    public int DirectoryPageSize { get; init; } = 500;

    public string? DirectoryUserId { get; init; }

    public int EventCapacity { get; init; } = 8192;

    public string? ApplicationId { get; init; }

    /// <summary>Reads the settings; <paramref name="problems"/> gets one sentence per bad value.</summary>
    public static LinkSettings Parse(IReadOnlyDictionary<string, string> settings, List<string> problems)
    {
        var result = new LinkSettings();
        result = result with
        {
            HeartbeatInterval = Millis(settings, HeartbeatIntervalKey, result.HeartbeatInterval, 10, 600_000, problems),
            BackoffInitial = Millis(settings, BackoffInitialKey, result.BackoffInitial, 1, 600_000, problems),
            BackoffMax = Millis(settings, BackoffMaxKey, result.BackoffMax, 1, 3_600_000, problems),
            ChannelExpiresSeconds = Int(settings, ChannelExpiresKey, result.ChannelExpiresSeconds, 2, 86_400, problems),
            SubscriptionExpiresSeconds = Int(settings, SubscriptionExpiresKey, result.SubscriptionExpiresSeconds, 2, 86_400, problems),
            SnapshotConcurrency = Int(settings, SnapshotConcurrencyKey, result.SnapshotConcurrency, 1, 64, problems),
            DirectoryPageSize = Int(settings, DirectoryPageSizeKey, result.DirectoryPageSize, 1, 1000, problems),
            EventCapacity = Int(settings, EventCapacityKey, result.EventCapacity, 16, 1_000_000, problems),
            DirectoryUserId = settings.TryGetValue(DirectoryUserIdKey, out var d) && !string.IsNullOrWhiteSpace(d) ? d.Trim() : null,
            ApplicationId = settings.TryGetValue(ApplicationIdKey, out var a) && !string.IsNullOrWhiteSpace(a) ? a.Trim() : null,
        };
        if (result.BackoffMax < result.BackoffInitial)
        {
            problems.Add($"{BackoffMaxKey} must not be smaller than {BackoffInitialKey}.");
        }

        return result;
    }

    private static TimeSpan Millis(IReadOnlyDictionary<string, string> settings, string key, TimeSpan fallback, int min, int max, List<string> problems) =>
        TimeSpan.FromMilliseconds(Int(settings, key, (int)fallback.TotalMilliseconds, min, max, problems));

    /// <summary>The whole number under <paramref name="key"/> from <paramref name="min"/> to <paramref name="max"/>, else <paramref name="fallback"/> (a bad value adds a problem). The CTI settings read theirs with it too.</summary>
    public static int Int(IReadOnlyDictionary<string, string> settings, string key, int fallback, int min, int max, List<string> problems)
    {
        if (!settings.TryGetValue(key, out var text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"Setting {key} must be a whole number from {min} to {max}, not '{text}'.");
        return fallback;
    }
}
