namespace Ecsta.Abstractions.Licensing;

/// <summary>Where the product stands with its license.</summary>
public enum LicenseMode
{
    /// <summary>Within the trial period.</summary>
    Trial = 0,
    /// <summary>At least one valid license code.</summary>
    Licensed,
    /// <summary>The trial ended and no valid code is present: lines cannot be opened or controlled.</summary>
    Expired,
}
