using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>The name-resolution contract over CTI: the socket and its HTTP side channel reach names only the host's resolver knows.</summary>
public sealed class NameResolutionTests : NameResolutionContract<Harness>
{
}
