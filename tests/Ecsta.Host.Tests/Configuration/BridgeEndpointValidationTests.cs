using Ecsta.Host.Configuration;

namespace Ecsta.Host.Tests.Configuration;

/// <summary><c>api.bridge</c>: the native bridge listens on loopback or not at all.</summary>
public sealed class BridgeEndpointValidationTests
{
    [Theory]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:5472")]
    [InlineData("[::1]:5472")]
    [InlineData("off")]
    [InlineData("OFF")]
    public void A_loopback_address_with_a_port_or_off_is_a_bridge_endpoint(string endpoint)
    {
        Assert.Empty(ConfigurationValidator.ValidateApi(new ApiConfiguration { Bridge = endpoint }));
    }

    [Theory]
    [InlineData("0.0.0.0:5472")]
    [InlineData("192.0.2.10:5472")]
    [InlineData("[::]:5472")]
    [InlineData("localhost:5472")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("")]
    public void Any_other_bridge_endpoint_is_refused_naming_the_field(string endpoint)
    {
        var error = Assert.Single(ConfigurationValidator.ValidateApi(new ApiConfiguration { Bridge = endpoint }));

        Assert.Equal("api.bridge", error.Field);
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }
}
