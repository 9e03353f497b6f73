using Ecsta.Abstractions.Transports;
using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>The factory contract for CTI, which serves cti and ctis, refuses a proxy and has settings of its own.</summary>
public sealed class FactoryTests : FactoryContract
{
    protected override ITransportFactory Factory { get; } = new CtiTransportFactory();

    protected override string ServedType => ConnectionTypes.Cti;

    protected override string OtherType => ConnectionTypes.Http;

    protected override string ServedTypesInWords => "cti and ctis";

    private static PlatformLinkOptions CtiOptions(Action<Dictionary<string, string>>? settings = null, ProxySettings? proxy = null, string type = ConnectionTypes.Cti)
    {
        var all = new Dictionary<string, string>();
        settings?.Invoke(all);
        return new PlatformLinkOptions { InstanceName = "x", Host = "xsp.example.com", ConnectionType = type, UserId = "u@x", Password = "p", Settings = all, Proxy = proxy };
    }

    [Fact]
    public void A_proxy_is_refused_with_the_manuals_message()
    {
        var problems = new CtiTransportFactory().Validate(CtiOptions(proxy: new ProxySettings(new Uri("http://proxy.example:3128"))));

        Assert.Equal(["a proxy cannot be used with CTI"], problems);
        var error = Assert.Throws<PlatformException>(() => new CtiTransportFactory().Create(CtiOptions(proxy: new ProxySettings(new Uri("http://proxy.example:3128"))), null!));
        Assert.Equal(PlatformErrorKind.Configuration, error.Kind);
        Assert.Contains("a proxy cannot be used with CTI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_and_CTI_settings_are_known_and_a_typo_is_named_once()
    {
        var problems = new CtiTransportFactory().Validate(CtiOptions(s =>
        {
            s["httpPort"] = "8080";
            s["heartbeatIntervalMs"] = "5000";
            s["ctiKeepaliveSecs"] = "5";
        }, type: ConnectionTypes.Cti));

        var problem = Assert.Single(problems);
        Assert.StartsWith("Setting 'ctiKeepaliveSecs' is not known to the CTI transport (known: ", problem, StringComparison.Ordinal);
        Assert.Contains("ctiKeepaliveSeconds", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_factory_serves_cti_and_ctis_with_their_default_ports()
    {
        var factory = new CtiTransportFactory();
        Assert.Equal(["cti", "ctis"], factory.ConnectionTypes);
        Assert.Equal("CTI", factory.Name);
        Assert.Equal(8011, CtiOptions().EffectivePort);
        Assert.Equal(8012, CtiOptions(type: ConnectionTypes.Ctis).EffectivePort);
        Assert.Empty(factory.Validate(CtiOptions(type: ConnectionTypes.Ctis)));
    }

    [Fact]
    public void Keepalive_defaults_are_fifteen_seconds_and_two_misses_and_the_side_channel_follows_the_type()
    {
        var defaults = CtiLinkSettings.Parse(new Dictionary<string, string>(), []);
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.KeepaliveInterval);
        Assert.Equal(2, defaults.KeepaliveMisses);
        Assert.Null(defaults.HttpPort);

        var set = CtiLinkSettings.Parse(new Dictionary<string, string> { ["ctiKeepaliveSeconds"] = "0.5", ["ctiKeepaliveMisses"] = "4", ["httpPort"] = "8080" }, []);
        Assert.Equal(TimeSpan.FromMilliseconds(500), set.KeepaliveInterval);
        Assert.Equal(4, set.KeepaliveMisses);
        Assert.Equal(8080, set.HttpPort);

        Assert.Equal(80, Http.CtiSideChannel.PortFor(CtiOptions(), defaults));
        Assert.Equal(443, Http.CtiSideChannel.PortFor(CtiOptions(type: ConnectionTypes.Ctis), defaults));
        Assert.Equal(8080, Http.CtiSideChannel.PortFor(CtiOptions(type: ConnectionTypes.Ctis), set));
    }

    /// <summary>Bad keepalive period, miss count and side-channel port.</summary>
    protected override void AddBadTransportSettings(Dictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["ctiKeepaliveSeconds"] = "never";
        settings["ctiKeepaliveMisses"] = "0";
        settings["httpPort"] = "70000";
    }
}
