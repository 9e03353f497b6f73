using Ecsta.Abstractions.Transports;
using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

/// <summary>The factory contract for XSI, which serves http and https.</summary>
public sealed class FactoryTests : FactoryContract
{
    protected override ITransportFactory Factory { get; } = new XsiTransportFactory();

    protected override string ServedType => ConnectionTypes.Https;

    protected override string OtherType => ConnectionTypes.Cti;

    protected override string ServedTypesInWords => "http and https";

    [Fact]
    public void The_factory_serves_http_and_https()
    {
        var factory = new XsiTransportFactory();
        Assert.Equal(["http", "https"], factory.ConnectionTypes);
        Assert.Equal("XSI", factory.Name);
    }
}
