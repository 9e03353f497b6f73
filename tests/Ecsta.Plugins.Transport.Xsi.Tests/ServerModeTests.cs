using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

/// <summary>The server-mode contract over XSI: the directory, the group subscription and snapshots over HTTP.</summary>
public sealed class ServerModeTests : ServerModeContract<Harness>
{
}
