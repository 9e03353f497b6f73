namespace Ecsta.Abstractions.Licensing;

/// <summary>A license code as added, decoded.</summary>
/// <param name="Id">The code's unique id.</param>
/// <param name="Licensee">Who it was issued to.</param>
/// <param name="Lines">How many lines it unlocks.</param>
/// <param name="IssuedOn">Issue date.</param>
/// <param name="ExpiresOn">Expiry date, if any.</param>
/// <param name="IsValid">Whether it counts now (not expired).</param>
public sealed record LicenseCodeInfo(string Id, string Licensee, int Lines, DateOnly IssuedOn, DateOnly? ExpiresOn, bool IsValid);

/// <summary>The license state of this installation.</summary>
/// <param name="Mode">Trial, licensed or expired.</param>
/// <param name="TrialDaysLeft">Days left in the trial (0 when over).</param>
/// <param name="SeatsTotal">How many lines may be open at once.</param>
/// <param name="SeatsInUse">How many are open now, over all instances.</param>
/// <param name="Codes">The codes added.</param>
/// <param name="Reason">Why lines cannot be used, when they cannot.</param>
public sealed record LicenseStatus(LicenseMode Mode, int TrialDaysLeft, int SeatsTotal, int SeatsInUse, IReadOnlyList<LicenseCodeInfo> Codes, string? Reason);

/// <summary>The answer to a seat request.</summary>
/// <param name="Granted">Whether a seat was taken.</param>
/// <param name="Reason">Why not, when not granted.</param>
public sealed record SeatResult(bool Granted, string? Reason)
{
    /// <summary>A granted seat.</summary>
    public static SeatResult Ok { get; } = new(true, null);
}

/// <summary>The answer to adding a code.</summary>
/// <param name="Accepted">Whether the code now counts.</param>
/// <param name="Reason">Why it was refused (bad signature, wrong format, expired, …).</param>
/// <param name="Code">The decoded code, when it could be decoded.</param>
public sealed record LicenseAddResult(bool Accepted, string? Reason, LicenseCodeInfo? Code);
