namespace Ecsta.Abstractions.Platform;

/// <summary>One entry of a call's <c>redirections</c> list (newest first), or the <c>redirect</c> element.</summary>
/// <param name="Party">The party that redirected (for <c>redirections</c>) or the destination (for <c>redirect</c>).</param>
/// <param name="Reason">XSI <c>RedirectReason</c> such as <c>unconditional</c>, <c>user-busy</c>, <c>transfer</c>.</param>
/// <param name="Time">When the redirection happened, if reported.</param>
public sealed record Redirection(PartyInfo Party, string? Reason, DateTimeOffset? Time = null);
