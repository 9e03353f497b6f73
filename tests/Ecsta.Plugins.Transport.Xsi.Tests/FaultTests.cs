using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

/// <summary>The fault contract over XSI: a lost channel, heartbeats, 503 storms, credentials and certificates.</summary>
public sealed class FaultTests : FaultContract<Harness>
{
}
