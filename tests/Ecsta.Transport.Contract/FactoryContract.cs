using Ecsta.Abstractions.Transports;

namespace Ecsta.Transport.Contract;

/// <summary>What a transport's factory says about options before any link exists: every problem, in words.</summary>
public abstract class FactoryContract
{
    protected abstract ITransportFactory Factory { get; }

    /// <summary>A connection type the factory serves.</summary>
    protected abstract string ServedType { get; }

    /// <summary>A connection type the factory does not serve.</summary>
    protected abstract string OtherType { get; }

    /// <summary>How the factory names the types it serves when refusing another (<c>http and https</c>).</summary>
    protected abstract string ServedTypesInWords { get; }

    protected PlatformLinkOptions Options(Dictionary<string, string>? settings = null) => new()
    {
        InstanceName = "x",
        Host = "xsp.example.com",
        ConnectionType = ServedType,
        UserId = "u@example.com",
        Password = "p",
        Settings = settings ?? [],
    };

    [Fact]
    public void A_setting_the_transport_does_not_know_is_named_with_the_known_ones()
    {
        var options = Options(new() { ["heartbeatIntervallMs"] = "5000", ["heartbeatIntervalMs"] = "5000" });

        var problem = Assert.Single(Factory.Validate(options));

        Assert.StartsWith($"Setting 'heartbeatIntervallMs' is not known to the {Factory.Name} transport (known: ", problem, StringComparison.Ordinal);
        Assert.Contains("heartbeatIntervalMs", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_names_every_problem_in_words()
    {
        var settings = new Dictionary<string, string> { ["reconnectInitialDelayMs"] = "soon" };
        AddBadTransportSettings(settings);
        var options = Options(settings) with
        {
            Host = "bad host name",
            ConnectionType = OtherType,
            UserId = "",
            Password = "",
            PinnedCertificateSha256 = "abc",
            Proxy = new ProxySettings(new Uri("ftp://proxy.example")),
        };

        var problems = Factory.Validate(options);

        Assert.Contains(problems, p => p.Contains(ServedTypesInWords, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not a host name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("user id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("password", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("64 hexadecimal", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("proxy", StringComparison.Ordinal));
        Assert.Single(problems, p => p.Contains("reconnectInitialDelayMs", StringComparison.Ordinal));
        Assert.All(settings.Keys, key => Assert.Contains(problems, p => p.Contains(key, StringComparison.Ordinal)));
    }

    /// <summary>Adds bad values of the transport's own settings; each must be named (none by default).</summary>
    protected virtual void AddBadTransportSettings(Dictionary<string, string> settings)
    {
    }
}
