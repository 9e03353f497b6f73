using Ecsta.Abstractions.Tapi;

namespace Ecsta.Host.Api;

/// <summary>One entry of lineForward's list: the mode (a LINEFORWARDMODE_* number or its name) and the destination (empty for DND).</summary>
internal sealed record ApiForwardRequest(LineForwardMode ForwardMode, string? DestAddress);
