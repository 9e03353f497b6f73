namespace Ecsta.Abstractions.Platform;

/// <summary>A party of a call as BroadWorks reports it (XSI <c>PartyInformation</c>), unformatted.</summary>
/// <param name="Name">Display name, if any.</param>
/// <param name="Address">Address such as <c>tel:+4989123</c> or <c>sip:user@host</c>, if any.</param>
/// <param name="UserId">BroadWorks user id of the party, when the party is a BroadWorks user.</param>
/// <param name="UserDn">Directory number such as <c>tel:+15006001012;ext=1012</c>, if any.</param>
/// <param name="CallType">XSI <c>callType</c> (<c>Group</c>, <c>Enterprise</c>, <c>Network</c>, …) or <see langword="null"/>.</param>
/// <param name="Privacy">Whether the party asked for privacy.</param>
public sealed record PartyInfo(
    string? Name = null,
    string? Address = null,
    string? UserId = null,
    string? UserDn = null,
    string? CallType = null,
    bool Privacy = false)
{
    /// <summary>A party about which nothing is known.</summary>
    public static PartyInfo Empty { get; } = new();
}
