namespace Ecsta.Abstractions.Transports;

/// <summary>What the platform answered to a new call (XSI <c>CallStartInfo</c>).</summary>
/// <param name="CallId">The new call half's id.</param>
/// <param name="ExtTrackingId">The session's tracking id.</param>
public sealed record CallStartResult(string CallId, string? ExtTrackingId);
