using System.Net;
using Ecsta.Dialog.Tests.TestSupport;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using static Microsoft.Playwright.Assertions;

namespace Ecsta.Dialog.Tests;

/// <summary>The page's DNS view in headless Debian chromium against the real host.</summary>
[Collection(DialogHostCollection.Name)]
public sealed class DialogDnsPageTests(DialogHostFixture fixture, Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly DialogHost _host = fixture.Host;
    private IBrowserContext? _context;

    private IPage Page { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync();
        _context.SetDefaultTimeout(15_000);
        Page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        // The host is shared: leave the system's resolver in place.
        using var client = new DialogClient(_host.Dialog);
        using var login = await client.LoginAsync(_host.AdminToken);
        using var cleared = await client.ChangeAsync(HttpMethod.Put, "api/dns", new { nameServers = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    private JToken? SavedNameServers() => _host.ReadConfiguration()["dns"]?["nameServers"];

    [Fact]
    public async Task The_DNS_view_shows_a_refused_entry_beside_the_field_and_saves_a_good_list_one_per_line()
    {
        await Page.GotoAsync(_host.Dialog.ToString());
        await Page.GetByLabel("Admin token", new() { Exact = true }).FillAsync(_host.AdminToken);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "DNS" }).ClickAsync();
        var field = Page.GetByLabel("Name servers", new() { Exact = true });
        await Expect(field).ToHaveValueAsync("");

        await field.FillAsync("192.0.2.53\n  dns.example.com  \n");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save name servers" }).ClickAsync();

        await Expect(Page.Locator("[data-error-for='dns.nameServers']")).ToContainTextAsync("'dns.example.com' is not an IP address with an optional port");
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(SavedNameServers() ?? new JArray());

        await field.FillAsync("192.0.2.53\n\n192.0.2.54:5353\n");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save name servers" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved the name servers.");
        await Expect(Page.Locator("[data-error-for='dns.nameServers']")).ToBeEmptyAsync();
        await Expect(field).ToHaveValueAsync("192.0.2.53\n192.0.2.54:5353");
        Assert.Equal(["192.0.2.53", "192.0.2.54:5353"], SavedNameServers()!.Values<string>());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Instances" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "DNS" }).ClickAsync();
        await Expect(field).ToHaveValueAsync("192.0.2.53\n192.0.2.54:5353");
    }

    [Fact]
    public async Task Saving_the_DNS_view_after_the_CLI_changed_the_name_servers_shows_the_conflict_and_keeps_the_CLI_change()
    {
        await Page.GotoAsync(_host.Dialog.ToString());
        await Page.GetByLabel("Admin token", new() { Exact = true }).FillAsync(_host.AdminToken);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "DNS" }).ClickAsync();
        var field = Page.GetByLabel("Name servers", new() { Exact = true });
        await Expect(field).ToHaveValueAsync("");

        var store = new Ecsta.Host.Configuration.ConfigurationStore(_host.ConfigurationPath); // `ecsta dns set 192.0.2.77` meanwhile
        var configuration = store.Load();
        configuration.Dns.NameServers = ["192.0.2.77"];
        store.Save(configuration);

        await field.FillAsync("192.0.2.53");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save name servers" }).ClickAsync();

        await Expect(Page.Locator("[data-error-for='dns.nameServers']")).ToContainTextAsync("changed since you read them (now: 192.0.2.77)");
        Assert.Equal(["192.0.2.77"], SavedNameServers()!.Values<string>());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Instances" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "DNS" }).ClickAsync();
        await Expect(field).ToHaveValueAsync("192.0.2.77");
        await field.FillAsync("192.0.2.53");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save name servers" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved the name servers.");
        Assert.Equal(["192.0.2.53"], SavedNameServers()!.Values<string>());
    }
}
