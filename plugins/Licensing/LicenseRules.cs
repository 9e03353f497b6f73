namespace Ecsta.Plugins.Licensing;

/// <summary>The product's licensing terms (manual section 4.6).</summary>
internal static class LicenseRules
{
    /// <summary>Length of the trial from the first start.</summary>
    public static readonly TimeSpan TrialLength = TimeSpan.FromDays(45);

    /// <summary>Lines that may be open at once during the trial.</summary>
    public const int TrialLines = 25;

    /// <summary>Longest wait between two checks of the state (trial end, codes added by another process).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>How often the latest time seen is written down while running.</summary>
    public static readonly TimeSpan LastSeenPersistInterval = TimeSpan.FromHours(1);
}
