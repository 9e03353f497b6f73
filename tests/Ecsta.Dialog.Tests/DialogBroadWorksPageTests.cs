using System.Net;
using Ecsta.Dialog.Tests.TestSupport;
using Ecsta.Simulator;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using static Microsoft.Playwright.Assertions;

namespace Ecsta.Dialog.Tests;

/// <summary>The page's "Read from BroadWorks" in headless Debian chromium: the real host, its XSI plugin and the simulator.</summary>
[Collection(DialogHostCollection.Name)]
public sealed class DialogBroadWorksPageTests(DialogHostFixture fixture, SimulatorFixture simulator, Chromium chromium)
    : IClassFixture<SimulatorFixture>, IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly DialogHost _host = fixture.Host;
    private readonly XspSimulator _sim = simulator.Sim;
    private IBrowserContext? _context;

    private IPage Page { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync();
        _context.SetDefaultTimeout(30_000);
        Page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reading_the_lines_shows_them_with_checkboxes_and_Add_selected_puts_the_chosen_one_in_the_table_to_save()
    {
        using (var client = new DialogClient(_host.Dialog))
        {
            using var login = await client.LoginAsync(_host.AdminToken);
            using var created = await client.SendAsync(HttpMethod.Post, "api/instances", new
            {
                name = "bw-page",
                mode = "server",
                host = "127.0.0.1",
                port = _sim.XsiPort!.Value,
                connectionType = "http",
                user = _sim.Administrator.UserId,
                password = _sim.Administrator.Password,
                lines = new[] { new { userId = _sim.Users[0].UserId, number = _sim.Users[0].Number, name = "First" } },
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        await Page.GotoAsync(_host.Dialog.ToString());
        await Page.GetByLabel("Admin token", new() { Exact = true }).FillAsync(_host.AdminToken);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Edit bw-page" }).ClickAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Lines" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Read from BroadWorks" }).ClickAsync();

        await Expect(Page.Locator("#read-lines-status")).ToHaveTextAsync($"{SimulatorFixture.Users} lines read, 1 of them configured already.");
        await Expect(Page.Locator("#read-lines-table tbody tr")).ToHaveCountAsync(SimulatorFixture.Users);
        await Expect(Page.GetByLabel($"Add {_sim.Users[0].UserId}", new() { Exact = true })).ToBeDisabledAsync();
        var chosen = _sim.Users[4];
        await Page.GetByLabel($"Add {chosen.UserId}", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add selected" }).ClickAsync();

        await Expect(Page.GetByLabel("line 2 user id", new() { Exact = true })).ToHaveValueAsync(chosen.UserId);
        await Expect(Page.GetByLabel("line 2 number", new() { Exact = true })).ToHaveValueAsync(chosen.Number);
        await Expect(Page.GetByLabel("line 2 name", new() { Exact = true })).ToHaveValueAsync($"{chosen.FirstName} {chosen.LastName}");
        await Expect(Page.GetByLabel("line 3 user id", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByLabel($"Add {chosen.UserId}", new() { Exact = true })).ToBeDisabledAsync();
        Assert.Single((JArray)_host.InstanceInFile("bw-page")!["lines"]!);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync("Saved instance “bw-page”.");
        var saved = (JArray)_host.InstanceInFile("bw-page")!["lines"]!;
        Assert.Equal([_sim.Users[0].UserId, chosen.UserId], saved.Select(l => (string?)l["userId"]));
    }
}
