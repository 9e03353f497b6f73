namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>The demo host as `ecsta run --demo-transport cti` starts it: the demo instance over CTI (TCP) to the embedded simulator.</summary>
public sealed class CtiDemoHost : DemoHost
{
    protected override string Transport => Ecsta.Abstractions.Transports.ConnectionTypes.Cti;
}

/// <summary>The application API tests that share the CTI demo host.</summary>
[CollectionDefinition(Name)]
public sealed class CtiDemoHostCollection : ICollectionFixture<CtiDemoHost>
{
    /// <summary>The collection's name for <c>[Collection]</c>.</summary>
    public const string Name = "Demo host over CTI";
}
