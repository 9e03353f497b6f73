using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

/// <summary>The name-resolution contract over XSI: the HTTP connections reach names only the host's resolver knows.</summary>
public sealed class NameResolutionTests : NameResolutionContract<Harness>
{
}
