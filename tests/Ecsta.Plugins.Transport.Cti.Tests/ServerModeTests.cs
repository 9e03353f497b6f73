using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>The server-mode contract over CTI: the group subscribed over the socket, its lines read over the side channel.</summary>
public sealed class ServerModeTests : ServerModeContract<Harness>
{
}
