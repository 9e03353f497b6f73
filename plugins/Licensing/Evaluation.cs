using Ecsta.Abstractions.Licensing;

namespace Ecsta.Plugins.Licensing;

/// <summary>The license state at one instant.</summary>
/// <param name="Mode">Trial, licensed or expired.</param>
/// <param name="Seats">Lines that may be open at once.</param>
/// <param name="TrialDaysLeft">Days left in the trial; 0 unless in trial mode.</param>
/// <param name="Reason">Why lines cannot be used, when expired.</param>
internal readonly record struct Evaluation(LicenseMode Mode, int Seats, int TrialDaysLeft, string? Reason);
