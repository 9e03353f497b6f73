using Ecsta.Abstractions.Transports;

namespace Ecsta.BroadWorks.Link;

/// <summary>The targets a link tries, in order, and the SRV targets <see cref="SrvTargetPolicy"/> refused.</summary>
/// <param name="Usable">Targets to try in turn (never empty: the configured host when nothing else is left).</param>
/// <param name="Refused">SRV targets outside the configured host, never connected to.</param>
public sealed record ResolvedTargets(IReadOnlyList<ServiceTarget> Usable, IReadOnlyList<ServiceTarget> Refused);
