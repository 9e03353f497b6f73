using Ecsta.EndToEnd.Tests.TestSupport;

namespace Ecsta.EndToEnd.Tests.ApplicationApi;

// Every application API scenario through the real WebSocket over both transports: the demo host over XSI and over CTI.

/// <summary><see cref="ApplicationApiCallTests"/> over XSI (http).</summary>
[Collection(DemoHostCollection.Name)]
public sealed class XsiCallTests(DemoHost host) : ApplicationApiCallTests(host);

/// <summary><see cref="ApplicationApiCallTests"/> over CTI (TCP).</summary>
[Collection(CtiDemoHostCollection.Name)]
public sealed class CtiCallTests(CtiDemoHost host) : ApplicationApiCallTests(host);

/// <summary><see cref="ApplicationApiLineFeatureTests"/> over XSI (http).</summary>
[Collection(DemoHostCollection.Name)]
public sealed class XsiLineFeatureTests(DemoHost host) : ApplicationApiLineFeatureTests(host);

/// <summary><see cref="ApplicationApiLineFeatureTests"/> over CTI (TCP).</summary>
[Collection(CtiDemoHostCollection.Name)]
public sealed class CtiLineFeatureTests(CtiDemoHost host) : ApplicationApiLineFeatureTests(host);

/// <summary><see cref="ApplicationApiTransferTests"/> over XSI (http).</summary>
[Collection(DemoHostCollection.Name)]
public sealed class XsiTransferTests(DemoHost host) : ApplicationApiTransferTests(host);

/// <summary><see cref="ApplicationApiTransferTests"/> over CTI (TCP).</summary>
[Collection(CtiDemoHostCollection.Name)]
public sealed class CtiTransferTests(CtiDemoHost host) : ApplicationApiTransferTests(host);

/// <summary><see cref="ApplicationApiDeviceTests"/> over XSI (http).</summary>
[Collection(DemoHostCollection.Name)]
public sealed class XsiDeviceTests(DemoHost host) : ApplicationApiDeviceTests(host);

/// <summary><see cref="ApplicationApiDeviceTests"/> over CTI (TCP).</summary>
[Collection(CtiDemoHostCollection.Name)]
public sealed class CtiDeviceTests(CtiDemoHost host) : ApplicationApiDeviceTests(host);

/// <summary><see cref="ApplicationApiDigitsTests"/> over XSI (http).</summary>
[Collection(DemoHostCollection.Name)]
public sealed class XsiDigitsTests(DemoHost host) : ApplicationApiDigitsTests(host);

/// <summary><see cref="ApplicationApiDigitsTests"/> over CTI (TCP).</summary>
[Collection(CtiDemoHostCollection.Name)]
public sealed class CtiDigitsTests(CtiDemoHost host) : ApplicationApiDigitsTests(host);
