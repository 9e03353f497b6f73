using System.Net;
using Ecsta.Testing;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Discovery;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Ecsta.Host.Tests.Discovery;

/// <summary>The running host's resolver follows dns.nameServers of a changed configuration without a restart.</summary>
public sealed class ConfiguredServiceLocatorTests
{
    [Fact]
    public async Task A_changed_name_server_list_is_asked_from_the_next_lookup_on()
    {
        await using var first = await DnsmasqServer.StartAsync("example.test", [], ["xsp1.example.test,192.0.2.1"]);
        await using var second = await DnsmasqServer.StartAsync("example.test", [], ["xsp1.example.test,192.0.2.2"]);
        var locator = new ConfiguredServiceLocator(new DnsConfiguration { NameServers = [first.NameServer] }, new LoggerConfiguration().CreateLogger());

        var before = await locator.ResolveAddressesAsync("xsp1.example.test", CancellationToken.None);
        locator.Apply(new DnsConfiguration { NameServers = [second.NameServer] });
        var after = await locator.ResolveAddressesAsync("xsp1.example.test", CancellationToken.None);

        Assert.Equal([IPAddress.Parse("192.0.2.1")], before);
        Assert.Equal([IPAddress.Parse("192.0.2.2")], after);
        Assert.Equal([second.NameServer], locator.NameServers);
    }

    [Fact]
    public async Task Entries_of_a_hand_edited_file_that_are_no_IP_address_are_left_out_and_logged()
    {
        await using var dns = await DnsmasqServer.StartAsync("example.test", [], ["xsp1.example.test,192.0.2.1"]);
        var errors = new List<string>();
        var log = new LoggerConfiguration().WriteTo.Sink(new ErrorSink(errors)).CreateLogger();

        var locator = new ConfiguredServiceLocator(new DnsConfiguration { NameServers = ["dns.example.test", dns.NameServer] }, log);

        Assert.Equal([dns.NameServer], locator.NameServers);
        Assert.Equal([IPAddress.Parse("192.0.2.1")], await locator.ResolveAddressesAsync("xsp1.example.test", CancellationToken.None));
        var error = Assert.Single(errors);
        Assert.Contains("dns.nameServers[0]", error, StringComparison.Ordinal);
        Assert.Contains("'dns.example.test' is not an IP address", error, StringComparison.Ordinal);
    }

    private sealed class ErrorSink(List<string> errors) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Level >= LogEventLevel.Error)
            {
                errors.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
