using Ecsta.Host.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Cli;

/// <summary>`ecsta dns show|set|clear`: dns.nameServers in the configuration file.</summary>
public sealed class DnsCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Config => _temp.File("ecsta.json");

    private JToken SavedNameServers() => JObject.Parse(File.ReadAllText(Config))["dns"]!["nameServers"]!;

    [Fact]
    public async Task Set_saves_the_name_servers_in_order_and_show_lists_them()
    {
        var set = await TestSupport.Cli.RunAsync(Config, null, "dns", "set", "192.0.2.53", "192.0.2.54:5353,[2001:db8::53]:53");
        var show = await TestSupport.Cli.RunAsync(Config, null, "dns", "show");
        var json = await TestSupport.Cli.RunAsync(Config, null, "dns", "show", "--json");

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Equal(["192.0.2.53", "192.0.2.54:5353", "[2001:db8::53]:53"], SavedNameServers().Values<string>());
        Assert.Contains("saved", set.Output, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.StartsWith("name servers: 192.0.2.53, 192.0.2.54:5353, [2001:db8::53]:53 ", show.Output, StringComparison.Ordinal);
        var parsed = JObject.Parse(json.Output);
        Assert.Equal(["192.0.2.53", "192.0.2.54:5353", "[2001:db8::53]:53"], parsed["nameServers"]!.Values<string>());
        Assert.False(parsed["systemResolver"]!.Value<bool>());
    }

    [Fact]
    public async Task Without_name_servers_show_says_the_operating_system_resolver_answers()
    {
        var none = await TestSupport.Cli.RunAsync(Config, null, "dns", "show");
        await TestSupport.Cli.RunAsync(Config, null, "dns", "set", "192.0.2.53");
        var clear = await TestSupport.Cli.RunAsync(Config, null, "dns", "clear", "--json");

        Assert.Equal(0, none.ExitCode);
        Assert.Equal("name servers: none set: the operating system's resolver answers" + Environment.NewLine, none.Output);
        Assert.Equal(0, clear.ExitCode);
        Assert.True(JObject.Parse(clear.Output)["systemResolver"]!.Value<bool>());
        Assert.Empty(SavedNameServers());
    }

    [Fact]
    public async Task An_entry_that_is_no_IP_address_with_an_optional_port_is_refused_by_position_and_nothing_is_saved()
    {
        await TestSupport.Cli.RunAsync(Config, null, "dns", "set", "192.0.2.53");
        var before = File.ReadAllText(Config);

        var set = await TestSupport.Cli.RunAsync(Config, null, "dns", "set", "192.0.2.54", "dns.example.com", "192.0.2.55:70000");

        Assert.Equal(1, set.ExitCode);
        Assert.Contains("dns.nameServers[1]: 'dns.example.com' is not an IP address with an optional port (e.g. 192.0.2.53", set.Error, StringComparison.Ordinal);
        Assert.Contains("dns.nameServers[2]: '192.0.2.55:70000': the port must be a number from 1 to 65535", set.Error, StringComparison.Ordinal);
        Assert.EndsWith("nothing was saved" + Environment.NewLine, set.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Config));
    }

    [Fact]
    public async Task The_same_name_server_twice_is_refused()
    {
        var set = await TestSupport.Cli.RunAsync(Config, null, "dns", "set", "192.0.2.53", "192.0.2.53:53");

        Assert.Equal(1, set.ExitCode);
        Assert.Contains("dns.nameServers[1]: '192.0.2.53:53' is listed twice", set.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Config));
    }

    [Theory]
    [InlineData("dns")]
    [InlineData("dns", "set")]
    [InlineData("dns", "set", ",")]
    [InlineData("dns", "show", "--bogus")]
    public async Task Missing_or_unknown_arguments_are_bad_usage(params string[] args)
    {
        var result = await TestSupport.Cli.RunAsync(Config, null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(Config));
    }

    [Fact]
    public async Task Setting_the_name_servers_keeps_the_instances_and_unknown_dns_fields()
    {
        await File.WriteAllTextAsync(Config, """{ "schemaVersion": 2, "instances": [], "dns": { "nameServers": [], "futureOption": 7 } }""");
        var add = await TestSupport.Cli.RunAsync(Config, null, "instance", "add", "office", "--host", "xsp.example.com", "--user", "u@example.com");

        var set = await TestSupport.Cli.RunAsync(Config, null, "dns", "set", "192.0.2.53");

        Assert.Equal((0, 0), (add.ExitCode, set.ExitCode));
        var saved = JObject.Parse(File.ReadAllText(Config));
        Assert.Equal(7, saved["dns"]!["futureOption"]!.Value<int>());
        Assert.Equal("office", saved["instances"]![0]!["name"]!.Value<string>());
    }

    public void Dispose() => _temp.Dispose();
}
