using System.Composition.Hosting;
using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.ProviderProfiles.Tests;

public sealed class BuiltInProfilesTests
{
    private static List<IProviderProfile> Compose()
    {
        using var container = new ContainerConfiguration().WithAssembly(typeof(PlusnetProfile).Assembly).CreateContainer();
        return [.. container.GetExports<IProviderProfile>()];
    }

    private static IProviderProfile Named(string name) => Assert.Single(Compose(), p => p.Name == name);

    [Fact]
    public void The_plugin_exports_exactly_the_three_built_in_profiles()
    {
        var names = Compose().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["Individual", "Plusnet GmbH", "Routit"], names);
    }

    [Fact]
    public void Plusnet_connects_with_CTI_encrypted_to_web_centraflex_de_on_8012_without_a_prefix()
    {
        var plusnet = Named("Plusnet GmbH");

        Assert.Equal("web.centraflex.de", plusnet.Host);
        Assert.Equal(8012, plusnet.Port);
        Assert.Equal(ConnectionTypes.Ctis, plusnet.ConnectionType);
        Assert.Equal("", plusnet.UrlPrefix);
        Assert.StartsWith("Germany.", plusnet.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Routit_connects_with_https_to_cai_voipit_nl_on_443_with_the_prefix_nl_cai()
    {
        var routit = Named("Routit");

        Assert.Equal("cai.voipit.nl", routit.Host);
        Assert.Equal(443, routit.Port);
        Assert.Equal(ConnectionTypes.Https, routit.ConnectionType);
        Assert.Equal("nl.cai", routit.UrlPrefix);
        Assert.StartsWith("Netherlands.", routit.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Individual_leaves_the_host_empty_for_a_manual_configuration()
    {
        var individual = Named(IndividualProfile.Individual);

        Assert.Equal("", individual.Host);
        Assert.Equal("", individual.UrlPrefix);
        Assert.Contains("Manual configuration", individual.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_profile_names_a_known_connection_type_a_valid_port_and_notes()
    {
        Assert.All(Compose(), p =>
        {
            Assert.Contains(p.ConnectionType, ConnectionTypes.All);
            Assert.InRange(p.Port, 1, 65535);
            Assert.False(string.IsNullOrWhiteSpace(p.Notes));
            Assert.Equal(p.UrlPrefix.Trim('/'), p.UrlPrefix);
        });
    }

    [Fact]
    public void A_profile_with_a_host_has_a_host_name_the_system_accepts()
    {
        Assert.All(Compose().Where(p => p.Host.Length > 0), p => Assert.Equal(UriHostNameType.Dns, Uri.CheckHostName(p.Host)));
    }

    [Fact]
    public void A_profile_describes_itself_by_name_type_host_port_and_prefix()
    {
        Assert.Equal("Routit (https://cai.voipit.nl:443/nl.cai)", new RoutitProfile().ToString());
        Assert.Equal("Individual (ctis://<host>:8012)", new IndividualProfile().ToString());
    }
}
