namespace Ecsta.Abstractions.Platform;

/// <summary>XSI <c>releaseCause</c>.</summary>
/// <param name="InternalReleaseCause">For example <c>Busy</c>, <c>Global Failure</c>, <c>Request Timeout</c>.</param>
/// <param name="CdrTerminationCause">The CDR termination cause code, if any.</param>
public sealed record ReleaseCause(string? InternalReleaseCause, string? CdrTerminationCause = null);
