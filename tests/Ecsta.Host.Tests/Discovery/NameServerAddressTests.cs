using System.Net;
using Ecsta.Tsp.Discovery;

namespace Ecsta.Host.Tests.Discovery;

/// <summary>The entries of dns.nameServers: an IP address with an optional port, nothing else.</summary>
public sealed class NameServerAddressTests
{
    [Theory]
    [InlineData("192.0.2.53", "192.0.2.53:53")]
    [InlineData("192.0.2.53:5353", "192.0.2.53:5353")]
    [InlineData("2001:db8::53", "[2001:db8::53]:53")]
    [InlineData("[2001:db8::53]", "[2001:db8::53]:53")]
    [InlineData("[2001:db8::53]:5353", "[2001:db8::53]:5353")]
    public void An_IP_address_with_an_optional_port_is_a_name_server_on_port_53_by_default(string text, string endPoint)
    {
        Assert.True(NameServerAddress.TryParse(text, out var parsed, out var problem), problem);
        Assert.Equal(IPEndPoint.Parse(endPoint), parsed);
    }

    [Theory]
    [InlineData("dns.example.com")]
    [InlineData("1")]
    [InlineData("192.0.2")]
    [InlineData("192.0.2.256")]
    [InlineData("192.0.2.53:")]
    [InlineData("[2001:db8::53")]
    [InlineData("[2001:db8::53]5353")]
    [InlineData("192.0.2.53 ")]
    public void Anything_else_is_refused_with_the_entry_and_examples(string text)
    {
        Assert.False(NameServerAddress.TryParse(text, out _, out var problem));
        Assert.Contains($"'{text}'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.53:0")]
    [InlineData("192.0.2.53:65536")]
    [InlineData("[2001:db8::53]:x")]
    public void A_port_outside_1_to_65535_is_refused_as_such(string text)
    {
        Assert.False(NameServerAddress.TryParse(text, out _, out var problem));
        Assert.Equal($"'{text}': the port must be a number from 1 to 65535", problem);
    }

    [Fact]
    public void An_empty_entry_is_refused()
    {
        Assert.False(NameServerAddress.TryParse(" ", out _, out var problem));
        Assert.Equal("is empty (an IP address with an optional port is needed)", problem);
    }
}
