using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

public sealed class UnitTests
{
    [Fact]
    public void A_setting_the_transport_does_not_know_is_named_with_the_known_ones()
    {
        var options = new PlatformLinkOptions
        {
            InstanceName = "t",
            Host = "xsp.example.com",
            ConnectionType = ConnectionTypes.Https,
            UserId = "u@example.com",
            Password = "p",
            Settings = new Dictionary<string, string> { ["heartbeatIntervallMs"] = "5000", ["heartbeatIntervalMs"] = "5000" },
        };

        var problem = Assert.Single(new XsiTransportFactory().Validate(options));

        Assert.StartsWith("Setting 'heartbeatIntervallMs' is not known to the XSI transport (known: ", problem, StringComparison.Ordinal);
        Assert.Contains("heartbeatIntervalMs", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_names_every_problem_in_words()
    {
        var options = new PlatformLinkOptions
        {
            InstanceName = "x",
            Host = "bad host name",
            ConnectionType = ConnectionTypes.Cti,
            UserId = "",
            Password = "",
            PinnedCertificateSha256 = "abc",
            Proxy = new ProxySettings(new Uri("ftp://proxy.example")),
            Settings = new Dictionary<string, string> { ["heartbeatIntervalMs"] = "soon" },
        };

        var problems = new XsiTransportFactory().Validate(options);

        Assert.Contains(problems, p => p.Contains("http and https", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not a host name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("user id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("password", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("64 hexadecimal", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("proxy", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("heartbeatIntervalMs", StringComparison.Ordinal));
    }

    [Fact]
    public void The_factory_serves_http_and_https()
    {
        var factory = new XsiTransportFactory();
        Assert.Equal(["http", "https"], factory.ConnectionTypes);
        Assert.Equal("XSI", factory.Name);
    }
}
